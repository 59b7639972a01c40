package dev.anonymizer.backfill;

import java.util.Optional;

/**
 * One backfill: which objects, and how.
 *
 * @param prefix      key prefix, empty for the whole bucket
 * @param sink        where publish mode POSTs events; ignored in process mode
 * @param parallelism objects handled at once (images in process mode, POSTs in publish mode)
 * @param maxObjects  stop after this many objects, 0 for no limit
 * @param stale       also re-do objects whose copy was made by another policy or other models (process mode only)
 */
public record BackfillRequest(String bucket, String prefix, BackfillMode mode, Optional<String> sink, int parallelism,
        long maxObjects, boolean stale) {

    /** A request that leaves copies of the objects' current versions alone. */
    public BackfillRequest(String bucket, String prefix, BackfillMode mode, Optional<String> sink, int parallelism,
            long maxObjects) {
        this(bucket, prefix, mode, sink, parallelism, maxObjects, false);
    }

    public BackfillRequest {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is missing");
        }
        prefix = prefix == null ? "" : prefix;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: expected at least 1, got " + parallelism);
        }
        if (maxObjects < 0) {
            throw new IllegalArgumentException("max objects: expected 0 (no limit) or more, got " + maxObjects);
        }
        if (mode == BackfillMode.PUBLISH && sink.isEmpty()) {
            throw new IllegalArgumentException("publish mode needs a sink URL (anonymizer.backfill.sink or K_SINK)");
        }
        if (mode == BackfillMode.PUBLISH && stale) {
            throw new IllegalArgumentException("stale outputs are re-done here (process mode): an image.stored event "
                    + "cannot ask for a copy the output already holds to be made again");
        }
    }

    /** {@code bucket/prefix}, for logs. */
    public String where() {
        return bucket + "/" + prefix;
    }
}
