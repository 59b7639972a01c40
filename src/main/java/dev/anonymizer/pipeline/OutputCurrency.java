package dev.anonymizer.pipeline;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.storage.ObjectNotFoundException;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.ObjectTooLargeException;

/**
 * Whether an object's censored copy was made by the running policy and models ({@code backfill --stale}): its audit
 * record names the running {@link PolicyFingerprint} and the running models' SHA-256s ({@code models[].sha256}, as a
 * set). An object without a copy of its current version, or without an audit record to judge the copy by, is not
 * done: backfill treats it as it always does.
 */
@ApplicationScoped
public class OutputCurrency {

    /** An audit record is a few kilobytes; a larger object at its key is no record of ours. */
    private static final long MAX_AUDIT_BYTES = 16L << 20;

    /** What the output holds for an object. */
    public enum Currency {
        /** No copy of this version, or no audit record to judge it by. */
        NOT_DONE,
        /** The copy's record names the running policy and models. */
        CURRENT,
        /** The copy's record names another policy or other models (or cannot be read). */
        STALE
    }

    private final ObjectStore store;
    private final OutputLocations locations;
    private final boolean audited;
    private final PolicyFingerprint policy;
    private final ModelRegistry models;
    private final ObjectMapper json;

    public OutputCurrency(ObjectStore store, OutputLocations locations, AuditConfig audit, PolicyFingerprint policy,
            ModelRegistry models, ObjectMapper json) {
        this.store = store;
        this.locations = locations;
        this.audited = audit.enabled();
        this.policy = policy;
        this.models = models;
        this.json = json;
    }

    /** The currency of {@code input}'s copy; {@code input} names the version (ETag) to judge. */
    public Currency of(ObjectRef input) {
        if (!audited || input.etag() == null || locations.isOutputLocation(input)) {
            return Currency.NOT_DONE;
        }
        ObjectRef out = locations.outputFor(input);
        String doneEtag = store.head(out).map(OutputMarks::sourceEtag).orElse(null);
        if (!input.etag().equals(doneEtag)) {
            return Currency.NOT_DONE;
        }
        byte[] bytes;
        try {
            bytes = store.get(locations.auditFor(out), MAX_AUDIT_BYTES).bytes();
        } catch (ObjectNotFoundException e) {
            return Currency.NOT_DONE;
        } catch (ObjectTooLargeException e) {
            return Currency.STALE;
        }
        JsonNode record;
        try {
            record = json.readTree(bytes);
        } catch (IOException e) {
            // a record that cannot be read names no running policy: the copy is re-done, and gets a readable one
            return Currency.STALE;
        }
        return policy.value().equals(record.path("policy").path("fingerprint").asText(null))
                && runningModels().equals(recordModels(record)) ? Currency.CURRENT : Currency.STALE;
    }

    private Set<String> runningModels() {
        Set<String> out = new TreeSet<>();
        for (ModelDescriptor m : models.loaded()) {
            out.add(m.sha256());
        }
        return out;
    }

    private static Set<String> recordModels(JsonNode record) {
        Set<String> out = new TreeSet<>();
        record.path("models").forEach(m -> out.add(m.path("sha256").asText("")));
        return out;
    }
}
