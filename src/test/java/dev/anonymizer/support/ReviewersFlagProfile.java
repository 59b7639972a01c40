package dev.anonymizer.support;

import java.util.HashMap;
import java.util.Map;

/** {@link HoldReviewProfile} in flag mode: the doubted portrait goes to the output and is flagged for the reviewers. */
public class ReviewersFlagProfile extends HoldReviewProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("anonymizer.review.mode", "flag");
        return config;
    }
}
