package dev.anonymizer.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The fast pipeline in hold mode with two reviewers, for the review tests (service, page, browser, commands): a
 * photo the core has doubts about waits in the review bucket {@link #REVIEW_BUCKET}. The face detector runs, with a
 * threshold above the test portrait's face score and a doubt band under it.
 */
public class HoldReviewProfile extends FastPipelineProfile {

    public static final String REVIEW_BUCKET = "review-held";
    public static final String ALICE_TOKEN = "alice-token-0123456789abcdef";
    public static final String BOB_TOKEN = "bob-token-0123456789abcdef";
    public static final double FACE_MIN_SCORE = 0.97;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("anonymizer.review.mode", "hold");
        // faces found but held to a threshold the portrait's face does not reach, in the doubt band under it: the
        // portrait is held with a face-below-threshold doubt on the face it left uncensored, for the reviewer
        config.put("anonymizer.detection.face.enabled", "true");
        config.put("anonymizer.detection.face.min-score", String.valueOf(FACE_MIN_SCORE));
        config.put("anonymizer.review.face-band", "0.5");
        config.put("anonymizer.review.rules", "face-below-threshold");
        config.put("anonymizer.review.bucket", REVIEW_BUCKET);
        config.put("anonymizer.review.tokens.alice", ALICE_TOKEN);
        config.put("anonymizer.review.tokens.bob", BOB_TOKEN);
        return config;
    }
}
