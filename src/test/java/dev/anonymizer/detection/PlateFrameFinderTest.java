package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import dev.anonymizer.region.Box;

class PlateFrameFinderTest {

    private static final PlateFrameFinder FINDER = new PlateFrameFinder(
            new DetectionSettings.PlateFrame(true, 4, 1.5, java.util.List.of(40.0, 12.0, 12.0), 0.3, 8, 1.3, 15, 0.2, 0.45));

    /** A car body of {@code body} colour with a white plate 200x44 at (100,150) holding six dark characters. */
    private static Mat car(Scalar body, boolean plateBorder) {
        Mat img = new Mat(300, 400, opencv_core.CV_8UC3, body);
        fill(img, 100, 150, 300, 194, new Scalar(235, 235, 235, 0));
        if (plateBorder) {
            try (Scalar dark = new Scalar(40, 40, 40, 0); Point a = new Point(100, 150); Point b = new Point(299, 193)) {
                rectangle(img, a, b, dark, 2, 8, 0);
            }
        }
        for (int i = 0; i < 6; i++) {
            // character strokes: two bars per character
            fill(img, 150 + i * 17, 160, 153 + i * 17, 184, new Scalar(20, 20, 20, 0));
            fill(img, 158 + i * 17, 160, 161 + i * 17, 184, new Scalar(20, 20, 20, 0));
        }
        return img;
    }

    private static void fill(Mat img, int x1, int y1, int x2, int y2, Scalar colour) {
        try (colour; Point a = new Point(x1, y1); Point b = new Point(x2 - 1, y2 - 1)) {
            rectangle(img, a, b, colour, FILLED, 8, 0);
        }
    }

    @Test
    void growsTheCharactersToThePlateFrame() {
        try (Scalar blue = new Scalar(140, 60, 30, 0); Mat img = car(blue, true)) {
            // the text box of the middle four characters only
            Optional<Box> frame = FINDER.frameAround(img, new Box(165, 158, 230, 186));
            assertTrue(frame.isPresent(), "a plate with a border on a blue car has a frame");
            Box f = frame.get();
            assertEquals(102, f.x1(), 3, "left edge: " + f);
            assertEquals(298, f.x2(), 3, "right edge: " + f);
            assertEquals(152, f.y1(), 3, "top edge: " + f);
            assertEquals(192, f.y2(), 3, "bottom edge: " + f);
        }
    }

    @Test
    void aFrameThatRunsIntoTheCarBodyIsNone() {
        // a white plate without a border on a white car: the background runs out of the search window
        try (Scalar white = new Scalar(235, 235, 235, 0); Mat img = car(white, false)) {
            assertEquals(Optional.empty(), FINDER.frameAround(img, new Box(165, 158, 230, 186)));
        }
    }

    @Test
    void textOnAPlainWallHasNoFrame() {
        // dark strokes on a white area far larger than a plate: no frame of plate proportions
        try (Scalar white = new Scalar(235, 235, 235, 0); Mat img = new Mat(300, 400, opencv_core.CV_8UC3, white)) {
            fill(img, 180, 140, 184, 160, new Scalar(20, 20, 20, 0));
            fill(img, 190, 140, 194, 160, new Scalar(20, 20, 20, 0));
            assertEquals(Optional.empty(), FINDER.frameAround(img, new Box(176, 136, 198, 164)));
        }
    }

    @Test
    void aBoxAtTheImageEdgeIsSearchedInsideTheImage() {
        try (Scalar blue = new Scalar(140, 60, 30, 0); Mat img = car(blue, true)) {
            Optional<Box> frame = FINDER.frameAround(img, new Box(-20, -5, 1, 1));
            assertEquals(Optional.empty(), frame, "a sliver at the corner holds no plate");
        }
    }
}
