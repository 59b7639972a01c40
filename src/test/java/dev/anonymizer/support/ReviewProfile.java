package dev.anonymizer.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The fast pipeline in hold mode with two reviewers, for the review tests (service, page, browser, commands): a
 * photo the core has doubts about waits in the review bucket {@link #REVIEW_BUCKET}.
 */
public class ReviewProfile extends FastPipelineProfile {

    public static final String REVIEW_BUCKET = "review-held";
    public static final String ALICE_TOKEN = "alice-token-0123456789abcdef";
    public static final String BOB_TOKEN = "bob-token-0123456789abcdef";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("anonymizer.review.mode", "hold");
        config.put("anonymizer.review.bucket", REVIEW_BUCKET);
        config.put("anonymizer.review.tokens.alice", ALICE_TOKEN);
        config.put("anonymizer.review.tokens.bob", BOB_TOKEN);
        return config;
    }
}
