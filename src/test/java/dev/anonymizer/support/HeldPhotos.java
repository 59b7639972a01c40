package dev.anonymizer.support;

import java.util.Map;
import java.util.UUID;

import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;

/** Puts the test portrait in a fresh bucket and has the real pipeline hold it ({@link HoldReviewProfile}). */
public final class HeldPhotos {

    private HeldPhotos() {
    }

    /** The held photo's id ({@code <output bucket>/<output key>}); fails when the pipeline did not hold it. */
    public static String holdPortrait(ObjectStore store, AnonymizationPipeline pipeline) {
        String bucket = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectRef input = ObjectRef.of(bucket, "people/portrait.jpg");
        store.put(input, TestImages.bytes("grace_hopper_512x512.jpg"), "image/jpeg", Map.of());
        Outcome outcome = pipeline.process(input);
        if (!(outcome instanceof Outcome.Anonymized a) || !a.output().bucket().equals(HoldReviewProfile.REVIEW_BUCKET)) {
            throw new AssertionError("the portrait was not held: " + outcome);
        }
        return bucket + "-anonymized/people/portrait.jpg";
    }
}
