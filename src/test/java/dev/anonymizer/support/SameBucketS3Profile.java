package dev.anonymizer.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The function on a real S3 server (S3Proxy) with input and output in the SAME bucket (prefix mode), which is where
 * re-triggering on its own output would loop. Low limits so that a rejection for size needs no huge test image.
 */
public class SameBucketS3Profile implements QuarkusTestProfile {

    /** Output and audit records go under this prefix of the input's bucket. */
    public static final String PREFIX = "anonymized/";
    /** Images with more pixels are rejected in this profile (2000x1500 still passes). */
    public static final long MAX_PIXELS = 3_000_000;
    /** Objects with more bytes are rejected, from their size alone, in this profile. */
    public static final long MAX_BYTES = 4_000_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "anonymizer.output.bucket-suffix", "",
                "anonymizer.output.key-prefix", PREFIX,
                "anonymizer.limits.max-pixels", Long.toString(MAX_PIXELS),
                "anonymizer.limits.max-bytes", Long.toString(MAX_BYTES));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }
}
