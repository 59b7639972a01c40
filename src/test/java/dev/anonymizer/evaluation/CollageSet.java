package dev.anonymizer.evaluation;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.region.Box;
import dev.anonymizer.support.TestImages;

/**
 * A derived labelled set with many vehicles per photo (issue 17): 3x3 collages of the {@code plates/eu} and
 * {@code plates/us} car photos on a 1920x1080 canvas, as listing pages and dealer overviews show them, with the
 * plate labels moved and scaled with their photos. Built under {@code target/} from {@code ../shared/eval} when a
 * test needs it; never committed (the photos' licence is the shared set's).
 */
public final class CollageSet {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    private static final int GRID = 3;

    private CollageSet() {
    }

    /** One collage: its JPEG and its labels in its pixels. */
    public record Collage(String name, byte[] jpeg, List<LabelledImage.Labelled> plates) {
    }

    /** Up to {@code count} collages from the labelled photos of {@code eu} and {@code us}, taken in turn. */
    public static List<Collage> build(Path eu, Path us, int count) {
        ObjectMapper json = new ObjectMapper();
        List<LabelledImage> a = LabelledSets.load(eu, json);
        List<LabelledImage> b = LabelledSets.load(us, json);
        List<LabelledImage> photos = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                photos.add(a.get(i));
            }
            if (i < b.size()) {
                photos.add(b.get(i));
            }
        }
        int cells = GRID * GRID;
        int cellW = WIDTH / GRID;
        int cellH = HEIGHT / GRID;
        List<Collage> out = new ArrayList<>();
        for (int c = 0; c < count && (c + 1) * cells <= photos.size(); c++) {
            List<LabelledImage.Labelled> plates = new ArrayList<>();
            try (Mat canvas = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC3, new Scalar(255, 255, 255, 0))) {
                for (int i = 0; i < cells; i++) {
                    LabelledImage photo = photos.get(c * cells + i);
                    try (Mat src = TestImages.decode(Files.readAllBytes(photo.file()))) {
                        double s = Math.min((double) cellW / src.cols(), (double) cellH / src.rows());
                        int w = Math.max(1, (int) Math.round(src.cols() * s));
                        int h = Math.max(1, (int) Math.round(src.rows() * s));
                        int x = (i % GRID) * cellW + (cellW - w) / 2;
                        int y = (i / GRID) * cellH + (cellH - h) / 2;
                        try (Mat fitted = new Mat(); Size size = new Size(w, h); Rect at = new Rect(x, y, w, h);
                                Mat target = new Mat(canvas, at)) {
                            resize(src, fitted, size, 0, 0, s < 1 ? INTER_AREA : INTER_CUBIC);
                            fitted.copyTo(target);
                        }
                        for (LabelledImage.Labelled l : photo.boxes()) {
                            Box box = new Box(l.box().x1() * s + x, l.box().y1() * s + y, l.box().x2() * s + x,
                                    l.box().y2() * s + y);
                            plates.add(new LabelledImage.Labelled(l.label(), box, l.hard()));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                out.add(new Collage("collage-" + c + ".jpg", TestImages.encode(canvas, ".jpg"), plates));
            }
        }
        return out;
    }

    /** Writes {@code collages} as a labelled set ({@code images/} and {@code labels.json}) into {@code dir}. */
    public static Path write(List<Collage> collages, Path dir) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("images");
        for (Collage c : collages) {
            Files.write(images.resolve(c.name()), c.jpeg());
            ObjectNode img = list.addObject().put("file", c.name()).put("width", WIDTH).put("height", HEIGHT);
            ArrayNode boxes = img.putArray("boxes");
            for (LabelledImage.Labelled l : c.plates()) {
                boxes.addObject().put("label", l.label()).put("x", l.box().x1()).put("y", l.box().y1())
                        .put("w", l.box().width()).put("h", l.box().height());
            }
            img.putArray("ignore");
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("labels.json").toFile(), root);
        return dir;
    }
}
