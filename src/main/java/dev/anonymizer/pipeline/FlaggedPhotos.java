package dev.anonymizer.pipeline;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.config.ReviewMode;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.StorageUnavailableException;

/**
 * Flag mode's list for the review page: a photo with doubts goes to the output as always, and an entry in the review
 * area ({@code flagged/<id>.json}, {@link FlagEntry}) lets the page and {@code review list} show it until a person
 * has looked at it. Kept only where a page can show it ({@code anonymizer.review.tokens} names a reviewer), so a
 * deployment without reviewers needs no review bucket. The entry is an index, not the photo: when it cannot be
 * written the photo is still in the output and its review-requested event and metric name it, so the failure is
 * logged, not thrown (throwing would have the event retried for a copy that is already there).
 */
@ApplicationScoped
public class FlaggedPhotos {

    private static final Logger LOG = Logger.getLogger(FlaggedPhotos.class);

    private final ObjectStore store;
    private final ReviewArea area;
    private final ObjectMapper json;
    private final boolean kept;

    public FlaggedPhotos(ObjectStore store, ReviewArea area, ObjectMapper json, ReviewConfig review) {
        this.store = store;
        this.area = area;
        this.json = json;
        this.kept = review.mode() == ReviewMode.FLAG && !review.tokens().isEmpty();
    }

    /** Notes a flagged photo (its copy in {@code output}, its record in {@code audit}) for the reviewers. */
    void flagged(ObjectRef input, ObjectRef output, ObjectRef audit) {
        if (!kept) {
            return;
        }
        ObjectRef entry = area.flagged(ReviewArea.id(output));
        try {
            store.put(entry, json.writeValueAsBytes(new FlagEntry(FlagEntry.Ref.of(input), FlagEntry.Ref.of(output),
                    FlagEntry.Ref.of(audit), Instant.now().toString())), "application/json",
                    Map.of(OutputMarks.MARKER, "true"));
        } catch (StorageUnavailableException | JsonProcessingException e) {
            LOG.warnf("flagged %s, but its entry for the review page could not be written (%s): it is in the output, "
                    + "named by its review-requested event", output, e.getMessage());
        }
    }

    /**
     * A flagged photo: where it came from and where its copy and audit record are ({@code audit} null when audit
     * records are off).
     */
    public record FlagEntry(Ref input, Ref output, Ref audit, String flaggedAt) {

        /** An object's bucket and key. */
        public record Ref(String bucket, String key) {

            static Ref of(ObjectRef ref) {
                return ref == null ? null : new Ref(ref.bucket(), ref.key());
            }

            public ObjectRef ref() {
                return ObjectRef.of(bucket, key);
            }
        }
    }
}
