package dev.anonymizer.reviewpage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.ReviewConfig;

/**
 * The review page's reviewers ({@code anonymizer.review.tokens.<name>=<token>}): who a token belongs to. Tokens are
 * compared in constant time, so the time of an answer tells nothing about a token's characters.
 */
@ApplicationScoped
public class ReviewTokens {

    /** Shorter tokens are refused at start: a page that releases photos deserves more than a guessable word. */
    static final int MIN_LENGTH = 16;

    private final Map<String, byte[]> byName = new TreeMap<>();

    public ReviewTokens(ReviewConfig config) {
        config.tokens().forEach((name, token) -> {
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException("anonymizer.review.tokens." + name + ": a token needs at least "
                        + MIN_LENGTH + " characters");
            }
            byName.put(name, token.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** True when at least one reviewer is configured: otherwise the page does not exist. */
    public boolean enabled() {
        return !byName.isEmpty();
    }

    /** The name of the reviewer whose token this is; empty for a missing or wrong token. */
    public Optional<String> reviewer(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, byte[]> e : byName.entrySet()) {
            // every token is compared, a match or not, so the answer's time does not say which name matched
            if (MessageDigest.isEqual(e.getValue(), given)) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
