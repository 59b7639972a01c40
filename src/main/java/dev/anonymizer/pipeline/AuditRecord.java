package dev.anonymizer.pipeline;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.Uncovered;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Region;

/**
 * The per-image audit JSON: what went in and out (SHA-256s), which models and thresholds decided, what was found and
 * censored (boxes and scores), which metadata was removed and how long each step took. It holds no pixels. Where the
 * image came from and went to is the door's business: bucket and key for the function, a file for the command line.
 */
public final class AuditRecord {

    private AuditRecord() {
    }

    /**
     * The record as pretty-printed JSON.
     *
     * @param from where the input was ({@code bucket}, {@code key}, {@code etag}; or {@code file}), in order
     * @param to   where the censored copy went, the same way
     */
    public static byte[] build(ObjectMapper json, Map<String, String> from, Map<String, String> to,
            AnonymizedImage image, Map<String, Long> timingsMs) {
        AnonymizedImage.Facts facts = image.facts();
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("processedAt", Instant.now().toString());
        ObjectNode in = root.putObject("input");
        from.forEach(in::put);
        in.put("sha256", facts.inputSha256());
        in.put("bytes", facts.inputBytes());
        in.put("format", image.info().format().name());
        in.put("width", image.info().width());
        in.put("height", image.info().height());
        in.put("exifOrientation", image.info().orientation());
        ObjectNode out = root.putObject("output");
        to.forEach(out::put);
        out.put("sha256", facts.outputSha256());
        out.put("bytes", image.bytes().length);
        if (image.jpeg() != null) {
            // how the JPEG was written: only the censored blocks re-encoded, or the whole image (and why)
            JpegReport jpeg = image.jpeg();
            ObjectNode j = root.putObject("jpeg");
            j.put("path", jpeg.path().code());
            j.put("blocksRewritten", jpeg.blocksRewritten());
            j.put("blocksTotal", jpeg.blocksTotal());
            j.put("quantisation", jpeg.quantisation().code());
            jpeg.fallbackReason().ifPresent(r -> j.put("fallback", r.code()));
        }
        ArrayNode modelList = root.putArray("models");
        for (ModelDescriptor m : facts.models()) {
            modelList.addObject().put("id", m.id()).put("family", m.family()).put("sha256", m.sha256())
                    .put("licence", m.licence()).put("dataTerms", m.dataTerms());
        }
        // how closely the image was searched: per plan, the object heights it covered (and wanted)
        ArrayNode search = root.putArray("search");
        for (SearchPlan p : image.plans()) {
            ObjectNode n = search.addObject();
            n.put("look", p.look().key());
            n.put("model", p.model());
            n.put("passes", p.passes().size());
            ArrayNode scales = n.putArray("scales");
            p.scales().forEach(sc -> scales.add(Math.round(sc * 1000) / 1000.0));
            n.put("coveredFromPx", Math.round(p.covered().min() * 10) / 10.0);
            n.put("wantedFromPx", Math.round(p.wanted().min() * 10) / 10.0);
            n.put("inputMegapixels", Math.round(p.inputPixels() / 1e4) / 100.0);
        }
        // what each detector was allowed on this image, what it spent, and what the budget left uncovered
        ArrayNode budgets = root.putArray("budgets");
        for (PersonalDataFinder.BudgetReport b : image.budgets()) {
            ObjectNode n = budgets.addObject();
            n.put("model", b.model());
            n.put("budgetMegapixels", Math.round(b.budgetPixels() / 1e4) / 100.0);
            n.put("spentMegapixels", Math.round(b.spentPixels() / 1e4) / 100.0);
            n.put("inferences", b.inferences());
            n.put("packedLooks", b.packedLooks());
            ArrayNode left = n.putArray("uncovered");
            for (Uncovered u : b.uncovered()) {
                ObjectNode un = left.addObject();
                un.put("look", u.look().key());
                un.putArray("area").add(u.area().x()).add(u.area().y()).add(u.area().x() + u.area().width())
                        .add(u.area().y() + u.area().height());
                un.put("wantedFromPx", Math.round(u.wantedMin() * 10) / 10.0);
                un.put("coveredFromPx", Math.round(u.coveredMin() * 10) / 10.0);
            }
        }
        ObjectNode thresholds = root.putObject("thresholds");
        facts.thresholds().forEach(thresholds::put);
        ObjectNode counts = root.putObject("counts");
        image.counts().forEach((c, n) -> counts.put(c.key(), n));
        root.put("censoredRegions", image.censored().size());
        ArrayNode regions = root.putArray("regions");
        for (Region r : image.found()) {
            ObjectNode n = regions.addObject();
            n.put("category", r.category().key());
            n.put("label", r.label());
            n.put("score", Math.round(r.score() * 1000) / 1000.0);
            n.put("model", r.model());
            box(n, r.box());
        }
        ArrayNode censoredBoxes = root.putArray("censoredBoxes");
        for (Region r : image.censored()) {
            box(censoredBoxes.addObject().put("category", r.category().key()), r.box());
        }
        ArrayNode removed = root.putArray("metadataRemoved");
        image.info().metadata().forEach(removed::add);
        root.put("iccProfileKept", facts.iccProfileKept());
        ObjectNode t = root.putObject("timingsMs");
        timingsMs.forEach(t::put);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void box(ObjectNode n, Box b) {
        n.putArray("box").add(Math.round(b.x1())).add(Math.round(b.y1())).add(Math.round(b.x2())).add(Math.round(b.y2()));
    }
}
