package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.anonymizer.detection.ModelDescriptor.Shrink;
import dev.anonymizer.support.TestImages;

/**
 * Model inputs drawn smaller: no pixel skipped however strong the shrink, area averaging close to OpenCV's own, exact
 * sizes from odd ones, parts of a larger canvas written in place, enlarging bilinear as before.
 */
class ModelInputResizeTest {

    @ParameterizedTest
    @EnumSource(Shrink.class)
    void aOnePixelCheckerboardShrunkStronglyBecomesEvenGrey(Shrink shrink) {
        // bilinear sampling alone at 0.3x would read two of every ~3 pixels and keep a coarse pattern of black and
        // white; halving first averages every pixel in
        try (Mat board = checkerboard(641, 481); Mat small = new Mat()) {
            ModelInputResize.resize(board, small, 190, 142, shrink);
            assertEquals(190, small.cols());
            assertEquals(142, small.rows());
            int[] range = valueRange(small);
            assertTrue(range[0] >= 100 && range[1] <= 155, "values " + range[0] + ".." + range[1] + " with " + shrink);
        }
    }

    @Test
    void areaShrinkingIsOpenCvsAreaAveragingDownToHalfAndCloseToItBelow() {
        try (Mat photo = TestImages.load("dog.jpg")) {
            for (double ratio : new double[] {0.8, 0.5, 0.37, 0.2}) {
                int w = (int) Math.round(photo.cols() * ratio);
                int h = (int) Math.round(photo.rows() * ratio);
                try (Mat ours = new Mat(); Mat area = new Mat(); Mat sampled = new Mat(); Size size = new Size(w, h)) {
                    ModelInputResize.resize(photo, ours, w, h, Shrink.AREA);
                    resize(photo, area, size, 0, 0, INTER_AREA);
                    resize(photo, sampled, size, 0, 0, INTER_LINEAR);
                    double ourDiff = meanDifference(ours, area);
                    if (ratio >= 0.5) {
                        assertEquals(0, ourDiff, "nothing halved at " + ratio + ": OpenCV's own area averaging");
                    } else {
                        // halving first rounds the averaged blocks' edges to whole pairs of pixels, a little more
                        // blur (1.5 grey levels on average at 0.37); bilinear sampling alone skips pixels (2.9)
                        double sampledDiff = meanDifference(sampled, area);
                        assertTrue(ourDiff < 0.6 * sampledDiff, "mean difference from area averaging " + ourDiff
                                + ", bilinear sampling's " + sampledDiff + ", at " + ratio);
                    }
                }
            }
        }
    }

    @Test
    void aSlotOfALargerCanvasIsWrittenInPlaceAndNothingAroundIt() {
        try (Mat photo = TestImages.load("dog.jpg"); Scalar grey = new Scalar(114, 114, 114, 0);
                Mat canvas = new Mat(400, 400, CV_8UC3, grey); Rect slot = new Rect(50, 60, 101, 77);
                Mat target = new Mat(canvas, slot)) {
            long address = target.data().address();
            ModelInputResize.resize(photo, target, 101, 77, Shrink.BILINEAR);
            assertEquals(address, target.data().address(), "written in place, not reallocated");
            try (UByteIndexer px = canvas.createIndexer()) {
                assertEquals(114, px.get(59, 50, 0), "above the slot");
                assertEquals(114, px.get(60, 151, 0), "right of the slot");
                assertEquals(114, px.get(137, 50, 0), "below the slot");
            }
            try (Mat alone = new Mat()) {
                ModelInputResize.resize(photo, alone, 101, 77, Shrink.BILINEAR);
                assertArrayEquals(bytes(alone), bytes(target.clone()));
            }
        }
    }

    @Test
    void enlargingIsOpenCvsBilinearWhateverTheShrink() {
        try (Mat photo = TestImages.load("dog.jpg"); Mat ours = new Mat(); Mat theirs = new Mat();
                Size size = new Size(photo.cols() * 3 / 2, photo.rows() * 3 / 2)) {
            ModelInputResize.resize(photo, ours, size.width(), size.height(), Shrink.AREA);
            resize(photo, theirs, size, 0, 0, INTER_LINEAR);
            assertArrayEquals(bytes(theirs), bytes(ours));
        }
    }

    private static Mat checkerboard(int w, int h) {
        Mat m = new Mat(h, w, CV_8UC3);
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (x + y) % 2 == 0 ? 0 : 255;
                    for (int c = 0; c < 3; c++) {
                        px.put(y, x, c, v);
                    }
                }
            }
        }
        return m;
    }

    private static double meanDifference(Mat a, Mat b) {
        try (Mat diff = new Mat()) {
            absdiff(a, b, diff);
            try (Scalar m = mean(diff)) {
                return (m.get(0) + m.get(1) + m.get(2)) / 3;
            }
        }
    }

    private static int[] valueRange(Mat m) {
        int min = 255;
        int max = 0;
        try (UByteIndexer px = m.createIndexer()) {
            for (int y = 0; y < m.rows(); y++) {
                for (int x = 0; x < m.cols(); x++) {
                    for (int c = 0; c < 3; c++) {
                        min = Math.min(min, px.get(y, x, c));
                        max = Math.max(max, px.get(y, x, c));
                    }
                }
            }
        }
        return new int[] {min, max};
    }

    private static byte[] bytes(Mat m) {
        byte[] out = new byte[(int) (m.total() * m.channels())];
        try (Mat continuous = m.isContinuous() ? new Mat(m) : m.clone()) {
            continuous.data().get(out);
        }
        return out;
    }
}
