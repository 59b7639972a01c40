package dev.anonymizer.support;

import java.util.List;

/** {@link HoldReviewProfile} against a real S3 server (S3Proxy on 127.0.0.1). */
public class HoldReviewS3Profile extends HoldReviewProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }
}
