package dev.anonymizer.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.anonymizer.censor.CensorSettings;
import dev.anonymizer.config.CensorConfig;
import dev.anonymizer.detection.DetectionSettings;

/**
 * A stable name for the running censoring policy: the SHA-256 of the canonical JSON (properties and map keys sorted,
 * no white space) of the settings that decide what is censored and how: the censor settings
 * ({@code anonymizer.censor.*}) and the detection settings ({@code anonymizer.detection.*}: models, thresholds,
 * search and budgets). Written into every audit record ({@code policy.fingerprint}); {@code backfill --stale}
 * re-does every output whose record names another. The models' own checksums are in the record beside it
 * ({@code models[].sha256}). A release that adds a detection or censor setting changes the fingerprint, and its
 * outputs count as stale: what decided them is no longer all written down.
 */
@ApplicationScoped
public class PolicyFingerprint {

    /** Bumped when what the fingerprint covers changes. */
    static final int SCHEME = 1;

    private final String fingerprint;

    public PolicyFingerprint(CensorConfig censor, DetectionSettings detection) {
        this.fingerprint = of(CoreSettings.censor(censor), detection);
    }

    /** The running policy's fingerprint (64 hex digits). */
    public String value() {
        return fingerprint;
    }

    /** The fingerprint of these settings. */
    static String of(CensorSettings censor, DetectionSettings detection) {
        Map<String, Object> covered = new LinkedHashMap<>();
        covered.put("scheme", SCHEME);
        covered.put("censor", censor);
        covered.put("detection", detection);
        return Anonymizer.sha256(canonical(covered));
    }

    /** Canonical JSON: sorted properties and map keys, no white space. */
    static byte[] canonical(Object value) {
        JsonMapper mapper = JsonMapper.builder().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        try {
            return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the policy settings cannot be written as JSON", e);
        }
    }
}
