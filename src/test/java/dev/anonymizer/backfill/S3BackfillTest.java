package dev.anonymizer.backfill;

import jakarta.inject.Inject;

import dev.anonymizer.support.FastS3Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;

/** Every {@link BackfillTest} case again, with the store on a real S3 server (S3Proxy on 127.0.0.1). */
@QuarkusTest
@TestProfile(FastS3Profile.class)
class S3BackfillTest extends BackfillTest {

    @Inject
    S3Client s3;

    @Override
    protected void createBuckets(String... buckets) {
        for (String b : buckets) {
            s3.createBucket(r -> r.bucket(b));
        }
    }
}
