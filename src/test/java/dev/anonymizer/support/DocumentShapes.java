package dev.anonymizer.support;

import static dev.anonymizer.support.JsonShape.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The field sets of the JSON documents the function and the command line write, as their readers know them (the
 * README, dashboards, scripts). Written out here, not derived from the classes that write them, so a renamed field
 * fails a test instead of changing the documents silently.
 */
public final class DocumentShapes {

    private DocumentShapes() {
    }

    private static final String[] INPUT = {"input", "input.bucket", "input.key"};

    /** Reply of an anonymized image ({@code timingsMs} checked on its own: one key per detector). */
    public static final Set<String> ANONYMIZED_REPLY = with(INPUT, "status", "output", "output.bucket", "output.key",
            "audit", "audit.bucket", "audit.key", "regions", "regions.face", "regions.text", "regions.plate", "regions.person",
            "regions.vehicle", "censored", "doubts", "metadataRemoved", "timingsMs", "elapsedMs");

    /** The fields of each doubt (reply, audit record, review-requested event) when there is one with a score. */
    public static final Set<String> DOUBTS = of("doubts", "doubts[].kind", "doubts[].box", "doubts[].score");

    /** The data of a {@code dev.anonymizer.image.review-requested} event (an input named without its ETag). */
    public static final Set<String> REVIEW_REQUESTED = with(DOUBTS.toArray(String[]::new), "input", "input.bucket",
            "input.key", "output", "output.bucket", "output.key", "audit", "audit.bucket", "audit.key");

    /** Reply of a rejected image, or of one skipped without an output (its own output). */
    public static final Set<String> REJECTED_REPLY = with(INPUT, "status", "reason", "message", "elapsedMs");

    /** Reply of an image whose output is there already. */
    public static final Set<String> SKIPPED_WITH_OUTPUT_REPLY = with(INPUT, "status", "output", "output.bucket",
            "output.key", "reason", "message", "elapsedMs");

    /** Reply of an event that names no object, and of a backfill request that names no bucket. */
    public static final Set<String> INVALID_REPLY = of("status", "reason", "message");

    /** {@code /s3Notification}: a notification of one created object. */
    public static final Set<String> ONE_PLAIN_REPLY = plain(true, REJECTED_REPLY);

    /** {@code /s3Notification}: several created objects, one result each. */
    public static final Set<String> SEVERAL_PLAIN_REPLY = with(prefixed("data.results[].", REJECTED_REPLY),
            "type", "source", "data", "data.results");

    /** {@code /s3Notification}: a delete, acknowledged. */
    public static final Set<String> IGNORED_PLAIN_REPLY = plain(false, of("status", "reason"));

    /** The step times of a stored image in its reply, in order (before each detector's own). */
    public static final List<String> STORE_STEPS = List.of("fetch", "decode", "detect", "censor", "encode", "store");
    /** ... and in its audit record, written before the copy is stored. */
    public static final List<String> AUDITED_STEPS = List.of("fetch", "decode", "detect", "censor", "encode");
    /** ... and in the audit record of a file. */
    public static final List<String> FILE_STEPS = List.of("decode", "detect", "censor", "encode");

    /**
     * The audit record beside a censored progressive JPEG whose text search left the image uncovered at the smallest
     * wanted size, without where it came from and went to.
     */
    private static final Set<String> AUDIT = of("version", "processedAt",
            "input", "input.sha256", "input.bytes", "input.format", "input.width", "input.height",
            "input.exifOrientation", "output", "output.sha256", "output.bytes",
            "jpeg", "jpeg.path", "jpeg.blocksRewritten", "jpeg.blocksTotal", "jpeg.quantisation", "jpeg.fallback",
            "models", "models[].id", "models[].family", "models[].sha256", "models[].licence", "models[].dataTerms",
            "policy", "policy.fingerprint", "search", "search[].look", "search[].model", "search[].passes", "search[].scales",
            "search[].coveredFromPx", "search[].wantedFromPx", "search[].inputMegapixels",
            "budgets", "budgets[].model", "budgets[].budgetMegapixels", "budgets[].spentMegapixels",
            "budgets[].inferences", "budgets[].packedLooks", "budgets[].uncovered", "budgets[].uncovered[].look",
            "budgets[].uncovered[].area", "budgets[].uncovered[].wantedFromPx", "budgets[].uncovered[].coveredFromPx",
            "thresholds", "thresholds.face.minScore", "thresholds.text.minScore", "thresholds.text.pixelThreshold",
            "thresholds.objects.minScore", "counts", "counts.face", "counts.text", "counts.plate", "counts.person", "counts.vehicle",
            "censoredRegions", "regions", "regions[].category", "regions[].label", "regions[].score",
            "regions[].model", "regions[].box", "censoredBoxes", "censoredBoxes[].category", "censoredBoxes[].box",
            "doubts", "metadataRemoved", "iccProfileKept", "timingsMs");

    /** The audit record of a stored object (the input's etag named even when null). */
    public static final Set<String> STORED_AUDIT = with(AUDIT.toArray(String[]::new), "input.bucket", "input.key",
            "input.etag", "output.bucket", "output.key");

    /** The top-level fields of every audit record. */
    public static final Set<String> AUDIT_TOP = of("version", "processedAt", "input", "output", "jpeg", "models",
            "policy", "search", "budgets", "thresholds", "counts", "censoredRegions", "regions", "censoredBoxes",
            "doubts", "metadataRemoved", "iccProfileKept", "timingsMs");

    /** Where a file of the command line came from and went to, in its audit record. */
    public static final Set<String> FILE_AUDIT_PLACES = of("input", "input.file", "input.sha256", "input.bytes",
            "input.format", "input.width", "input.height", "input.exifOrientation", "output", "output.file",
            "output.sha256", "output.bytes");

    /** The status page as JSON. */
    public static final Set<String> STATUS_PAGE = of("name", "version", "models", "models[].id", "models[].family",
            "models[].licence", "imagesSinceStart", "imagesSinceStart.anonymized", "imagesSinceStart.rejected",
            "imagesSinceStart.skipped", "links", "links.live", "links.ready", "links.metrics", "links.docs");

    /** The reply to a backfill request that was started (no object limit set). */
    public static final Set<String> BACKFILL_ACCEPTED = of("status", "bucket", "prefix", "mode", "found");

    /**
     * A {@code doubts} array (whose element paths the shapes above leave out: which rules fire depends on the photo):
     * each doubt has a known kind code, a box of four whole pixels and at most a score besides.
     */
    public static void assertDoubts(JsonNode doubts) {
        assertTrue(doubts != null && doubts.isArray(), "a doubts array: " + doubts);
        for (JsonNode d : doubts) {
            Set<String> fields = JsonShape.paths(d, "box");
            assertTrue(fields.containsAll(Set.of("kind", "box")) && of("kind", "box", "score").containsAll(fields),
                    d.toString());
            dev.anonymizer.detection.DoubtKind.ofCode(d.get("kind").asText());
            assertEquals(4, d.get("box").size(), d.toString());
            d.get("box").forEach(v -> assertTrue(v.isIntegralNumber(), d.toString()));
        }
    }

    /**
     * The fixed steps of {@code timingsMs} in this order, each detector's own {@code detect.<detector>} step right
     * after {@code detect}, every value a whole number of ms.
     */
    public static void assertTimings(JsonNode timings, List<String> steps, int minDetectors) {
        List<String> fixed = new ArrayList<>();
        int detectors = 0;
        for (Iterator<String> it = timings.fieldNames(); it.hasNext();) {
            String k = it.next();
            assertTrue(timings.get(k).isIntegralNumber(), k + " is a number of ms: " + timings);
            if (k.startsWith("detect.")) {
                detectors++;
                assertEquals("detect", fixed.get(fixed.size() - 1), "detector steps follow detect: " + timings);
            } else {
                fixed.add(k);
            }
        }
        assertEquals(steps, fixed, timings.toString());
        assertTrue(detectors >= minDetectors, "each detector timed: " + timings);
    }

    /** The paths of {@code shape} under the top-level fields {@code fields}. */
    public static Set<String> under(Set<String> shape, String... fields) {
        Set<String> out = new TreeSet<>();
        for (String p : shape) {
            for (String f : fields) {
                if (p.equals(f) || p.startsWith(f + ".")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The top-level fields of {@code shape}. */
    public static Set<String> top(Set<String> shape) {
        Set<String> out = new TreeSet<>();
        shape.forEach(p -> out.add(p.split("[.\\[]")[0]));
        return out;
    }

    private static Set<String> plain(boolean subject, Set<String> data) {
        Set<String> out = with(prefixed("data.", data), "type", "source", "data");
        if (subject) {
            out.add("subject");
        }
        return out;
    }

    private static String[] prefixed(String prefix, Set<String> paths) {
        return paths.stream().map(p -> prefix + p).toArray(String[]::new);
    }

    private static Set<String> with(String[] some, String... more) {
        Set<String> out = new TreeSet<>(of(some));
        out.addAll(of(more));
        return out;
    }
}
