package dev.anonymizer.imaging.jpeg;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.imaging.DecodedImage;
import dev.anonymizer.imaging.EncodedImage;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.ImageFormat;
import dev.anonymizer.imaging.TestOutputConfig;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Region;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Output size against input size on {@code ../shared/eval} (plates eu and us, WIDER faces), run on purpose:
 * {@code ./mvnw test -Pbenchmark -Dtest=JpegSizeBenchmarkTest}. Each photo goes through the real detectors and the
 * default censor policy, then is written three ways: the block path (default), the whole re-encode with the
 * source's tables (block path off), and the previous encoder (OpenCV at quality 95); and once more by the block path
 * with nothing censored, to show what dropping the metadata and rebuilding the Huffman tables alone change. Prints per set the median and
 * mean output/input ratio of each, the share of blocks rewritten, and the encode times; also written to
 * {@code target/jpeg-sizes.md}. {@code -Djpeg.sizes.limit=N} takes the first N photos of each set.
 */
@QuarkusTest
@Tag("benchmark")
class JpegSizeBenchmarkTest {

    private static final int PREVIOUS_QUALITY = 95;

    @Inject
    ImageDecoder decoder;

    @Inject
    PersonalDataFinder finder;

    @Inject
    CensorPolicy policy;

    @Inject
    ImageEncoder encoder;

    private final ImageEncoder wholeReencode = new ImageEncoder(TestOutputConfig.withBlockPath(false));

    record Row(double blocks, double uncensored, double reencoded, double previous, double share, double msBlocks,
            double msPrevious, String path) {
    }

    @Test
    void outputSizes() throws Exception {
        Path eval = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize()
                .resolveSibling("shared").resolve("eval");
        if (!Files.isDirectory(eval)) {
            String msg = "SKIPPED: " + eval + " is absent; the JPEG size measurement needs ../shared/eval";
            System.out.println(msg);
            Assumptions.assumeTrue(false, msg);
        }
        int limit = Integer.getInteger("jpeg.sizes.limit", Integer.MAX_VALUE);
        StringBuilder out = new StringBuilder();
        out.append("| set | photos | block path median / mean | nothing censored | re-encode, source tables "
                + "| previous, quality 95 | blocks rewritten median / mean | encode ms median: block path / previous / added |\n");
        out.append("|---|---:|---|---|---|---|---|---|\n");
        Map<String, Integer> paths = new TreeMap<>();
        for (String set : List.of("plates/eu", "plates/us", "faces/images")) {
            List<Path> files;
            try (Stream<Path> s = Files.list(eval.resolve(set))) {
                files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(limit).toList();
            }
            List<Row> rows = new ArrayList<>();
            for (Path f : files) {
                Row r = measure(Files.readAllBytes(f));
                rows.add(r);
                paths.merge(set + " " + r.path(), 1, Integer::sum);
            }
            out.append(String.format(Locale.ROOT, "| `%s` | %d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f "
                    + "| %.1f%% / %.1f%% | %.0f / %.0f / %.0f |\n", set, rows.size(),
                    median(rows, Row::blocks), mean(rows, Row::blocks), median(rows, Row::uncensored),
                    mean(rows, Row::uncensored), median(rows, Row::reencoded),
                    mean(rows, Row::reencoded), median(rows, Row::previous), mean(rows, Row::previous),
                    100 * median(rows, Row::share), 100 * mean(rows, Row::share), median(rows, Row::msBlocks),
                    median(rows, Row::msPrevious), median(rows, r -> r.msBlocks() - r.msPrevious())));
        }
        out.append("\npaths: ").append(paths).append('\n');
        System.out.println(out);
        Files.writeString(Path.of("target/jpeg-sizes.md"), out.toString());
    }

    private Row measure(byte[] input) throws Exception {
        try (DecodedImage image = decoder.decode(input)) {
            List<Region> regions = policy.regionsToCensor(finder.find(image.pixels()).regions(), image.width(),
                    image.height());
            policy.apply(image.pixels(), regions);
            List<Box> boxes = regions.stream().map(Region::box).toList();
            long t = System.nanoTime();
            EncodedImage blocks = encoder.encode(image, boxes);
            double msBlocks = (System.nanoTime() - t) / 1e6;
            EncodedImage whole = wholeReencode.encode(image, boxes);
            // the same file with no block rewritten: what dropping metadata and optimal Huffman tables alone do
            double uncensored;
            try (Mat original = JpegImages.upright(input)) {
                uncensored = CensoredJpegWriter.write(input, original, List.of(),
                        dev.anonymizer.imaging.Orientation.fromExif(image.info().orientation()), image.info().icc(), true)
                        .bytes().length / (double) input.length;
            } catch (UnsupportedJpegException e) {
                uncensored = Double.NaN;
            }
            t = System.nanoTime();
            byte[] previous = previousEncoder(image);
            double msPrevious = (System.nanoTime() - t) / 1e6;
            JpegReport report = blocks.jpeg();
            String path = report.path().code() + report.fallbackReason().map(r -> " (" + r.code() + ")").orElse("");
            return new Row(blocks.bytes().length / (double) input.length, uncensored,
                    whole.bytes().length / (double) input.length,
                    previous.length / (double) input.length, report.rewrittenShare(), msBlocks, msPrevious, path);
        }
    }

    /** What ImageEncoder wrote before the block path: OpenCV at quality 95, upright, the ICC profile put back. */
    private static byte[] previousEncoder(DecodedImage image) {
        try (BytePointer buffer = new BytePointer(); IntPointer p = new IntPointer(IMWRITE_JPEG_QUALITY, PREVIOUS_QUALITY)) {
            imencode(".jpg", image.pixels(), buffer, p);
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return image.info().icc() == null ? bytes : image.info().icc().embedInto(bytes, ImageFormat.JPEG);
        }
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        List<Double> v = new ArrayList<>(rows.stream().map(f::applyAsDouble).toList());
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double mean(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
    }
}
