package dev.anonymizer.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.anonymizer.pipeline.Outcome;

/**
 * What the status page says, as JSON (Jackson writes the components in order) and as the HTML page. The field set is
 * held by {@code DocumentShapesTest}.
 */
public record StatusDocument(String name, String version, List<Model> models, Images imagesSinceStart, Links links) {

    /** A loaded model and its licence. */
    public record Model(String id, String family, String licence) {
    }

    /** Images handled since start, per outcome. */
    public record Images(long anonymized, long rejected, long skipped) {

        /** The counts in the order of {@link Outcome.Status}. */
        public Map<Outcome.Status, Long> byStatus() {
            Map<Outcome.Status, Long> out = new LinkedHashMap<>();
            out.put(Outcome.Status.ANONYMIZED, anonymized);
            out.put(Outcome.Status.REJECTED, rejected);
            out.put(Outcome.Status.SKIPPED, skipped);
            return out;
        }
    }

    /** Where health, metrics and the docs are. */
    public record Links(String live, String ready, String metrics, String docs) {

        /** The links by name, in order. */
        public Map<String, String> byName() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("live", live);
            out.put("ready", ready);
            out.put("metrics", metrics);
            out.put("docs", docs);
            return out;
        }
    }
}
