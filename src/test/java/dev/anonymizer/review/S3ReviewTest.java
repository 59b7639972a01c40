package dev.anonymizer.review;

import jakarta.inject.Inject;

import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.support.HoldReviewProfile;
import dev.anonymizer.support.HoldReviewS3Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Every {@link ReviewServiceTest} case again on a real S3 server (S3Proxy on 127.0.0.1): the claim is S3's conditional
 * write ({@code If-None-Match: *}), and the fault half-way is a real one (the output bucket is missing).
 */
@QuarkusTest
@TestProfile(HoldReviewS3Profile.class)
class S3ReviewTest extends ReviewServiceTest {

    @Inject
    S3Client s3;

    @Override
    protected void createBuckets(String... buckets) {
        createBucket(HoldReviewProfile.REVIEW_BUCKET);
        for (String b : buckets) {
            createBucket(b);
        }
    }

    private void createBucket(String bucket) {
        try {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // the review bucket is shared by the cases
        }
    }

    @Override
    protected void breakOutput(ObjectRef out) {
        s3.deleteBucket(r -> r.bucket(out.bucket()));
    }

    @Override
    protected void repairOutput(ObjectRef out) {
        s3.createBucket(r -> r.bucket(out.bucket()));
    }
}
