package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_DUPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.region.Box;

/**
 * How tall text may be, in model-input pixels, for the text model to still box it: the ceiling of its good object
 * sizes ({@code search.objectSizes.max} in the descriptor), which decides whether a photo needs a coarser pass for its
 * tallest text. Plates are shown to the model at heights from 64 to 1024 input pixels, each as one input holding the
 * plate and some background: sharp synthetic plates (dark on white, light on dark, two fonts and strokes) and, where
 * {@code ../shared/eval/plates} is present, its tallest real plates enlarged. A plate's largest text box at 128 px
 * (inside the good sizes) is what it must show at every height: it counts as found where the boxes at that height
 * cover at least half of it, scaled. Prints per height the share found and the mean share covered. Run on purpose:
 * <pre>
 * ./mvnw test -Pbenchmark -Dtest=TextHeightCeilingTest [-Dceiling.model=ppocr-v4-det]
 * </pre>
 */
@Tag("benchmark")
class TextHeightCeilingTest {

    private static final Path MODELS = Path.of("models");
    private static final int[] HEIGHTS = java.util.Arrays.stream(System.getProperty("ceiling.heights",
            "64,128,256,384,512,640,768,1024").split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    private static final double FOUND = 0.5;
    /** Each line's largest box at this height (well inside the model's good sizes) is what the others must cover. */
    private static final int REFERENCE_HEIGHT = 128;
    private static final double PIXEL_THRESHOLD = 0.3;
    private static final double MIN_SCORE = 0.5;
    /** Real plates at least this tall in their photo are enlarged (smaller ones would be mostly blur). */
    private static final int MIN_REAL_HEIGHT = 45;
    private static final int MAX_REAL = 24;

    /** A source of lines: draws or crops one at a given input height (the caller closes the image). */
    private interface LineSource {
        String name();

        Mat at(int height);
    }

    @Test
    void textFoundByHeightAtTheModelsInput() {
        String id = System.getProperty("ceiling.model", "ppocr-v4-det-int8m");
        ModelDescriptor d = ModelSession.readDescriptor(MODELS, id, new ObjectMapper());
        List<LineSource> sources = new ArrayList<>(synthetic());
        sources.addAll(realPlates());
        System.out.printf("model %s, %d lines (%d synthetic)%n", id, sources.size(), synthetic().size());
        System.out.printf("%8s %8s %10s %10s %10s%n", "height", "found", "covered", "synthetic", "real");
        int reference = 0;
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), MODELS, d, 1, false,
                ModelSession.InferenceListener.NONE)) {
            DbnetTextDetector det = new DbnetTextDetector(s, PIXEL_THRESHOLD, 1.6, 3);
            // each line's largest box at the reference height, in units of the line's height
            List<Box> refs = new ArrayList<>();
            for (LineSource src : sources) {
                try (Mat image = src.at(REFERENCE_HEIGHT)) {
                    refs.add(det.detect(image, 1.0, MIN_SCORE).stream().map(Detection::box)
                            .max(Comparator.comparingDouble(Box::area))
                            .map(b -> b.scale(1.0 / REFERENCE_HEIGHT, 1.0 / REFERENCE_HEIGHT)).orElse(null));
                }
            }
            reference = (int) refs.stream().filter(java.util.Objects::nonNull).count();
            System.out.printf("%d of %d lines found at the reference height %d%n", reference, sources.size(),
                    REFERENCE_HEIGHT);
            for (int h : HEIGHTS) {
                int found = 0;
                int foundReal = 0;
                int real = 0;
                double covered = 0;
                for (int i = 0; i < sources.size(); i++) {
                    if (refs.get(i) == null) {
                        continue;
                    }
                    LineSource src = sources.get(i);
                    Box expected = refs.get(i).scale(h, h);
                    try (Mat image = src.at(h)) {
                        double c = QuantizedTextModelTest.coveredBy(expected, det.detect(image, 1.0, MIN_SCORE));
                        covered += c;
                        boolean ok = c >= FOUND;
                        boolean isReal = src.name().startsWith("real");
                        found += ok ? 1 : 0;
                        real += isReal ? 1 : 0;
                        foundReal += ok && isReal ? 1 : 0;
                    }
                }
                System.out.printf("%8d %7.1f%% %9.1f%% %5d/%-4d %5d/%-4d%n", h, 100.0 * found / reference,
                        100 * covered / reference, found - foundReal, reference - real, foundReal, real);
            }
        }
        assertTrue(reference > 0, "the text model finds none of the lines at " + REFERENCE_HEIGHT + " input pixels");
    }

    /** Sharp lines drawn at the wanted height: plates (dark on white) and signs (light on dark), two fonts. */
    private static List<LineSource> synthetic() {
        List<LineSource> out = new ArrayList<>();
        String[] texts = {"AB 12", "M5XS", "7KP4", "H-AZ8"};
        int[] fonts = {FONT_HERSHEY_SIMPLEX, FONT_HERSHEY_DUPLEX};
        for (int i = 0; i < texts.length; i++) {
            for (int f = 0; f < fonts.length; f++) {
                for (boolean dark : new boolean[] {true, false}) {
                    String text = texts[i];
                    int font = fonts[f];
                    double stroke = 0.09 + 0.04 * ((i + f) % 2);
                    out.add(new LineSource() {
                        public String name() {
                            return "synthetic " + text;
                        }

                        public Mat at(int height) {
                            return drawn(text, font, stroke, dark, height);
                        }
                    });
                }
            }
        }
        return out;
    }

    /** A plate of {@code height} pixels with {@code text} on it, on a textured background. */
    private static Mat drawn(String text, int font, double stroke, boolean darkOnLight, int height) {
        int thickness = Math.max(1, (int) Math.round(stroke * height));
        double scale;
        try (IntPointer b = new IntPointer(1); Size one = getTextSize(text, font, 1.0, thickness, b)) {
            scale = 0.7 * height / one.height();
        }
        int textW;
        int textH;
        try (IntPointer b = new IntPointer(1); Size s = getTextSize(text, font, scale, thickness, b)) {
            textW = s.width();
            textH = s.height();
        }
        int plateW = textW + height / 2;
        int marginX = Math.max(32, plateW / 6);
        int marginY = Math.max(32, height / 2);
        int w = plateW + 2 * marginX;
        int h = height + 2 * marginY;
        Mat m = new Mat(h, w, CV_8UC3);
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 90 + (int) (30 * Math.sin(x / 37.0) * Math.cos(y / 23.0));
                int k = (y * w + x) * 3;
                px[k] = (byte) v;
                px[k + 1] = (byte) (v + 10);
                px[k + 2] = (byte) (v + 20);
            }
        }
        m.data().put(px);
        int plateColour = darkOnLight ? 245 : 30;
        int inkColour = darkOnLight ? 20 : 235;
        try (Scalar plate = new Scalar(plateColour, plateColour, plateColour, 0);
                Scalar ink = new Scalar(inkColour, inkColour, inkColour, 0);
                Point p1 = new Point(marginX, marginY);
                Point p2 = new Point(marginX + plateW, marginY + height);
                Point origin = new Point(marginX + height / 4, marginY + (height + textH) / 2)) {
            rectangle(m, p1, p2, plate, FILLED, LINE_AA, 0);
            putText(m, text, origin, font, scale, ink, thickness, LINE_AA, false);
        }
        return m;
    }

    /** The tallest labelled plates of ../shared/eval/plates, cropped with context and enlarged to the height. */
    private static List<LineSource> realPlates() {
        Path root = Path.of("..", "shared", "eval", "plates");
        if (!Files.isDirectory(root)) {
            System.out.println("SKIPPED real plates: " + root.toAbsolutePath() + " is absent; synthetic lines only");
            return List.of();
        }
        record Label(Path photo, Box plate) {
        }
        List<Label> labels = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                for (String line : Files.readAllLines(txt)) {
                    String[] f = line.split("\t");
                    if (f.length < 5) {
                        continue;
                    }
                    int x = Integer.parseInt(f[1].trim());
                    int y = Integer.parseInt(f[2].trim());
                    int w = Integer.parseInt(f[3].trim());
                    int h = Integer.parseInt(f[4].trim());
                    if (h >= MIN_REAL_HEIGHT) {
                        labels.add(new Label(txt.resolveSibling(f[0].trim()), new Box(x, y, x + w, y + h)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        labels.sort(Comparator.comparingDouble((Label l) -> -l.plate().height()).thenComparing(l -> l.photo()));
        List<LineSource> out = new ArrayList<>();
        for (Label l : labels.subList(0, Math.min(MAX_REAL, labels.size()))) {
            out.add(new LineSource() {
                public String name() {
                    return "real " + l.photo().getFileName();
                }

                public Mat at(int height) {
                    return enlarged(l.photo(), l.plate(), height);
                }
            });
        }
        return out;
    }

    /** The plate with some of its surroundings, enlarged so that the plate is {@code height} pixels tall. */
    private static Mat enlarged(Path photo, Box plate, int height) {
        try (Mat full = dev.anonymizer.support.TestImages.decode(Files.readAllBytes(photo))) {
            int x1 = (int) Math.max(0, plate.x1() - 0.15 * plate.width());
            int y1 = (int) Math.max(0, plate.y1() - 0.5 * plate.height());
            int x2 = (int) Math.min(full.cols(), plate.x2() + 0.15 * plate.width());
            int y2 = (int) Math.min(full.rows(), plate.y2() + 0.5 * plate.height());
            double s = height / plate.height();
            try (Rect r = new Rect(x1, y1, x2 - x1, y2 - y1); Mat crop = new Mat(full, r);
                    Size size = new Size((int) Math.round((x2 - x1) * s), (int) Math.round((y2 - y1) * s))) {
                Mat out = new Mat();
                resize(crop, out, size, 0, 0, INTER_CUBIC);
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
