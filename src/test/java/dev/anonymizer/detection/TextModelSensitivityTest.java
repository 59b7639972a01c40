package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.support.TestImages;

/**
 * How far quantized versions of the text model are from the folded float model, measured without evaluation photos:
 * the committed photos and text made hard from them (the motion-blurred plate enlarged, synthetic plates at low
 * contrast, blurred, shrunk and JPEG-compressed, then enlarged as the search enlarges plates of 10-20 px). Prints,
 * per model, the mean probability difference where either map is above 0.1 ("text diff"), the share of the float
 * model's text pixels (above 0.3) the quantized map keeps, the float model's text boxes (score >= 0.5, >= 40 px)
 * that the quantized boxes cover less than half ("lost"), and on the photos without plates the quantized model's
 * text pixels the float model does not have, per float text pixel ("extra"). This chose the convolutions of
 * {@code ppocr-v4-det-int8m} (models/tools/README.md). Run on purpose, with any ONNX files
 * ({@code quantize_qdq.py quantize models/ppocr-v4-det-folded.onnx RANGES OUT --skip ...}):
 * <pre>
 * ./mvnw test -Pbenchmark -Dtest=TextModelSensitivityTest -Dsensitivity.models=models/ppocr-v4-det-int8.onnx,...
 * </pre>
 */
@Tag("benchmark")
class TextModelSensitivityTest {

    private static final Path MODELS = Path.of("models");
    private static final double TEXT = 0.1;
    private static final double PIXEL_THRESHOLD = 0.3;
    private static final double MIN_SCORE = 0.5;
    private static final double MIN_BOX_AREA = 40;

    /** One input: an image at the scale the model sees it; {@code plate}: it holds text the model must keep. */
    private record Case(String name, Mat image, double scale, boolean plate) {
    }

    /** What one model's maps and boxes differ from the float model's over all cases. */
    private record Measures(double textDiff, double textKept, int lost, int boxes, double extra) {
    }

    /** The float model's outputs per case: its map and its boxes of at least {@code MIN_BOX_AREA}. */
    private record Reference(float[] map, List<Detection> boxes) {
    }

    @Test
    void quantizedMapsAgainstTheFoldedModel() {
        List<Path> models = Arrays.stream(System.getProperty("sensitivity.models",
                "models/ppocr-v4-det-int8.onnx,models/ppocr-v4-det-int8m.onnx").split(",")).map(Path::of).toList();
        ModelDescriptor folded = ModelSession.readDescriptor(MODELS, "ppocr-v4-det-folded", new ObjectMapper());
        List<Mat> owned = new ArrayList<>();
        try {
            List<Case> cases = cases(owned);
            List<Reference> references = new ArrayList<>();
            try (ModelSession f = open(folded, MODELS.resolve(folded.file()))) {
                for (Case c : cases) {
                    List<Detection> boxes = detect(f, c).stream().filter(d -> d.box().area() >= MIN_BOX_AREA).toList();
                    assertFalse(c.plate() && boxes.isEmpty(), "the float model finds no text in " + c.name());
                    references.add(new Reference(probabilities(f, c), boxes));
                }
            }
            System.out.printf("%-50s %9s %9s %7s %7s%n", "model", "text diff", "kept", "lost", "extra");
            for (Path model : models) {
                try (ModelSession q = open(folded, model)) {
                    Measures m = measure(q, cases, references);
                    System.out.printf("%-50s %9.4f %8.1f%% %3d/%-3d %6.2f%%%n", model, m.textDiff(), 100 * m.textKept(),
                            m.lost(), m.boxes(), 100 * m.extra());
                }
            }
        } finally {
            owned.forEach(Mat::close);
        }
    }

    private static Measures measure(ModelSession q, List<Case> cases, List<Reference> references) {
        double textDiff = 0;
        int textCases = 0;
        long kept = 0;
        long floatText = 0;
        long extra = 0;
        long photoText = 0;
        int lost = 0;
        int boxes = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            float[] p = references.get(i).map();
            float[] r = probabilities(q, c);
            assertEquals(p.length, r.length, "map size of " + c.name());
            double diff = 0;
            long text = 0;
            long both = 0;
            long above = 0;
            long onlyQuantized = 0;
            for (int k = 0; k < p.length; k++) {
                if (Math.max(p[k], r[k]) > TEXT) {
                    diff += Math.abs(p[k] - r[k]);
                    text++;
                }
                boolean inFloat = p[k] > PIXEL_THRESHOLD;
                boolean inQuantized = r[k] > PIXEL_THRESHOLD;
                above += inFloat ? 1 : 0;
                both += inFloat && inQuantized ? 1 : 0;
                onlyQuantized += inQuantized && !inFloat ? 1 : 0;
            }
            if (!c.plate()) {
                extra += onlyQuantized;
                photoText += above;
                continue;
            }
            if (text > 0) {
                textDiff += diff / text;
                textCases++;
            }
            kept += both;
            floatText += above;
            List<Detection> quantized = detect(q, c);
            for (Detection d : references.get(i).boxes()) {
                boxes++;
                lost += QuantizedTextModelTest.coveredBy(d.box(), quantized) < 0.5 ? 1 : 0;
            }
        }
        return new Measures(textDiff / Math.max(1, textCases), kept / (double) Math.max(1, floatText), lost, boxes,
                extra / (double) Math.max(1, photoText));
    }

    /** The cases; every Mat made is added to {@code owned} (the caller closes them). */
    private static List<Case> cases(List<Mat> owned) {
        List<Case> cases = new ArrayList<>();
        Mat blurredPlate = own(owned, TestImages.load("licenseplate_motion.jpg"));
        for (double scale : new double[] {2.0, 3.0}) {
            cases.add(new Case("licenseplate_motion@" + scale, blurredPlate, scale, true));
        }
        cases.add(new Case("licenseplate_motion/2@3", shrunk(owned, blurredPlate, 0.5), 3.0, true));
        cases.add(new Case("synthetic@0.4", own(owned, TestImages.syntheticPlate()), 0.4, true));
        for (int v : new int[] {3, 17, 42, 77}) {
            Mat plate = own(owned, TestImages.syntheticPlate(v, 640, 480));
            Mat low = contrast(owned, plate, 0.35, 110);
            Mat faint = contrast(owned, plate, 0.2, 120);
            cases.add(new Case(v + " clean", shrunk(owned, plate, 0.15), 2.4, true));
            cases.add(new Case(v + " low contrast", shrunk(owned, low, 0.2), 2.0, true));
            cases.add(new Case(v + " low contrast, blurred", shrunk(owned, blurred(owned, low, 2.5), 0.15), 2.5, true));
            cases.add(new Case(v + " low contrast, small", shrunk(owned, low, 0.1), 3.2, true));
            cases.add(new Case(v + " blurred", shrunk(owned, blurred(owned, plate, 4.0), 0.12), 3.0, true));
            cases.add(new Case(v + " faint", shrunk(owned, blurred(owned, faint, 3.0), 0.1), 3.2, true));
            cases.add(new Case(v + " tiny", shrunk(owned, low, 0.07), 4.5, true));
        }
        for (String photo : List.of("messi5.jpg", "kite.jpg", "dog.jpg", "person.jpg", "grace_hopper_512x512.jpg")) {
            Mat m = own(owned, TestImages.load(photo));
            double scale = Math.min(1.0, Math.sqrt(300_000.0 / ((double) m.cols() * m.rows())));
            cases.add(new Case(photo, m, scale, false));
        }
        return cases;
    }

    private static Mat own(List<Mat> owned, Mat m) {
        owned.add(m);
        return m;
    }

    private static Mat contrast(List<Mat> owned, Mat src, double alpha, double beta) {
        Mat out = own(owned, new Mat());
        src.convertTo(out, -1, alpha, beta);
        return out;
    }

    private static Mat blurred(List<Mat> owned, Mat src, double sigma) {
        Mat out = own(owned, new Mat());
        try (Size any = new Size(0, 0)) {
            GaussianBlur(src, out, any, sigma);
        }
        return out;
    }

    /** Shrunk by {@code factor} (area averaging) and through JPEG at quality 85, as the small plates of the web are. */
    private static Mat shrunk(List<Mat> owned, Mat src, double factor) {
        try (Mat small = new Mat();
                Size size = new Size((int) Math.round(src.cols() * factor), (int) Math.round(src.rows() * factor));
                BytePointer jpeg = new BytePointer();
                IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            resize(src, small, size, 0, 0, INTER_AREA);
            imencode(".jpg", small, jpeg, quality);
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            return own(owned, TestImages.decode(bytes));
        }
    }

    private static ModelSession open(ModelDescriptor folded, Path file) {
        ModelDescriptor d = new ModelDescriptor(folded.id(), file.getFileName().toString(), null, folded.family(),
                folded.licence(), folded.dataTerms(), folded.source(), folded.input(), folded.outputs(), folded.labels(),
                folded.search(), folded.params());
        return ModelSession.open(OrtEnvironment.getEnvironment(), file.toAbsolutePath().getParent(), d, 1, false,
                ModelSession.InferenceListener.NONE);
    }

    private static float[] probabilities(ModelSession s, Case c) {
        PreparedInput in = InputTensorFactory.prepare(c.image(), s.descriptor(), c.scale());
        String name = s.descriptor().outputs().get(0).name();
        return s.infer(in, List.of(name)).get(name).values();
    }

    private static List<Detection> detect(ModelSession s, Case c) {
        return new DbnetTextDetector(s, PIXEL_THRESHOLD, 1.6, 3).detect(c.image(), c.scale(), MIN_SCORE);
    }
}
