package dev.anonymizer.support;

import java.util.List;

/** The fast pipeline against a real S3 server (S3Proxy on 127.0.0.1). */
public class FastS3Profile extends FastPipelineProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }
}
