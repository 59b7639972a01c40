package dev.anonymizer.support;

import java.util.HashMap;
import java.util.Map;

/** {@link ReviewProfile} in flag mode: the doubted portrait goes to the output and is flagged for the reviewers. */
public class ReviewFlagProfile extends ReviewProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("anonymizer.review.mode", "flag");
        return config;
    }
}
