package dev.anonymizer.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.imaging.ImageInfo;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.storage.ObjectRef;

/**
 * The per-image audit JSON: what went in and out (SHA-256s), which models and thresholds decided, what was found and
 * censored (boxes and scores), which metadata was removed and how long each step took. It holds no pixels.
 */
final class AuditRecord {

    private AuditRecord() {
    }

    static byte[] build(ObjectMapper json, ObjectRef input, String inputEtag, byte[] inputBytes, ImageInfo info,
            ObjectRef output, byte[] outputBytes, List<ModelDescriptor> models, DetectionConfig detection,
            List<Region> found, List<Region> censored, Map<Category, Integer> counts, boolean iccKept,
            Map<String, Long> timingsMs, JpegReport jpeg) {
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("processedAt", Instant.now().toString());
        ObjectNode in = root.putObject("input");
        in.put("bucket", input.bucket());
        in.put("key", input.key());
        in.put("etag", inputEtag);
        in.put("sha256", sha256(inputBytes));
        in.put("bytes", inputBytes.length);
        in.put("format", info.format().name());
        in.put("width", info.width());
        in.put("height", info.height());
        in.put("exifOrientation", info.orientation());
        ObjectNode out = root.putObject("output");
        out.put("bucket", output.bucket());
        out.put("key", output.key());
        out.put("sha256", sha256(outputBytes));
        out.put("bytes", outputBytes.length);
        if (jpeg != null) {
            // how the JPEG was written: only the censored blocks re-encoded, or the whole image (and why)
            ObjectNode j = root.putObject("jpeg");
            j.put("path", jpeg.path().code());
            j.put("blocksRewritten", jpeg.blocksRewritten());
            j.put("blocksTotal", jpeg.blocksTotal());
            j.put("quantisation", jpeg.quantisation().code());
            jpeg.fallbackReason().ifPresent(r -> j.put("fallback", r.code()));
        }
        ArrayNode modelList = root.putArray("models");
        for (ModelDescriptor m : models) {
            ObjectNode n = modelList.addObject();
            n.put("id", m.id());
            n.put("family", m.family());
            n.put("sha256", m.sha256());
            n.put("licence", m.licence());
        }
        ObjectNode thresholds = root.putObject("thresholds");
        thresholds.put("face.minScore", detection.face().minScore());
        thresholds.put("text.minScore", detection.text().minScore());
        thresholds.put("text.pixelThreshold", detection.text().pixelThreshold());
        thresholds.put("objects.minScore", detection.objects().minScore());
        ObjectNode countNode = root.putObject("counts");
        counts.forEach((c, n) -> countNode.put(c.key(), n));
        root.put("censoredRegions", censored.size());
        ArrayNode regions = root.putArray("regions");
        for (Region r : found) {
            ObjectNode n = regions.addObject();
            n.put("category", r.category().key());
            n.put("label", r.label());
            n.put("score", Math.round(r.score() * 1000) / 1000.0);
            n.put("model", r.model());
            ArrayNode box = n.putArray("box");
            box.add(Math.round(r.box().x1())).add(Math.round(r.box().y1()))
                    .add(Math.round(r.box().x2())).add(Math.round(r.box().y2()));
        }
        ArrayNode censoredBoxes = root.putArray("censoredBoxes");
        for (Region r : censored) {
            ObjectNode n = censoredBoxes.addObject();
            n.put("category", r.category().key());
            ArrayNode box = n.putArray("box");
            box.add(Math.round(r.box().x1())).add(Math.round(r.box().y1()))
                    .add(Math.round(r.box().x2())).add(Math.round(r.box().y2()));
        }
        ArrayNode removed = root.putArray("metadataRemoved");
        info.metadata().forEach(removed::add);
        root.put("iccProfileKept", iccKept);
        ObjectNode t = root.putObject("timingsMs");
        timingsMs.forEach(t::put);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
