package dev.anonymizer.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.OutputConfig;
import dev.anonymizer.storage.ObjectRef;

/**
 * Where the censored copy and the audit record of an input go, and whether an object is itself our output (which
 * must never be processed again, or Knative would loop).
 */
@ApplicationScoped
public class OutputLocations {

    private final OutputConfig output;
    private final AuditConfig audit;
    private final ReviewArea review;

    public OutputLocations(OutputConfig output, AuditConfig audit, ReviewArea review) {
        this.output = output;
        this.audit = audit;
        this.review = review;
        if (output.bucket().isEmpty() && output.bucketSuffix().orElse("").isEmpty() && output.keyPrefix().orElse("").isEmpty()) {
            throw new IllegalStateException("anonymizer.output: the output would overwrite the input; set "
                    + "anonymizer.output.bucket, a non-empty bucket-suffix or a key-prefix");
        }
    }

    /** The censored copy's location. */
    public ObjectRef outputFor(ObjectRef input) {
        String bucket = output.bucket().orElse(input.bucket() + output.bucketSuffix().orElse(""));
        return ObjectRef.of(bucket, output.keyPrefix().orElse("") + input.key());
    }

    /** The audit record's location. */
    public ObjectRef auditFor(ObjectRef out) {
        return ObjectRef.of(audit.bucket().orElse(out.bucket()), out.key() + audit.keySuffix());
    }

    /**
     * True when {@code ref} lies in the output location: in the fixed output bucket, in a bucket ending with the
     * suffix, or under the key prefix of a same-bucket setup; or in the review area, where held copies wait.
     */
    public boolean isOutputLocation(ObjectRef ref) {
        if (review.contains(ref)) {
            return true;
        }
        String prefix = output.keyPrefix().orElse("");
        boolean keyMatches = prefix.isEmpty() || ref.key().startsWith(prefix);
        if (output.bucket().isPresent()) {
            return output.bucket().get().equals(ref.bucket()) && keyMatches;
        }
        String suffix = output.bucketSuffix().orElse("");
        if (!suffix.isEmpty()) {
            return ref.bucket().endsWith(suffix) && keyMatches;
        }
        return !prefix.isEmpty() && ref.key().startsWith(prefix);
    }
}
