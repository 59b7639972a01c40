package dev.anonymizer.review;

import jakarta.inject.Inject;

import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.support.HoldReviewProfile;
import dev.anonymizer.support.HoldReviewS3Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Every {@link ReviewServiceTest} case again on a real S3 server (S3Proxy on 127.0.0.1): the claim is S3's conditional
 * write ({@code If-None-Match: *}), and the fault half-way is one of the server's.
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

    /**
     * A real server fault after the claim: an object named as the output key's folder ({@code people}) makes S3Proxy's
     * filesystem backend fail to write {@code people/portrait.jpg} (HTTP 500). A missing output bucket made only some
     * runs fail: the backend may create a bucket's folder on a write.
     */
    @Override
    protected void breakOutput(ObjectRef out) {
        s3.putObject(r -> r.bucket(out.bucket()).key(folderOf(out)), RequestBody.fromString("in the way"));
    }

    @Override
    protected void repairOutput(ObjectRef out) {
        s3.deleteObject(r -> r.bucket(out.bucket()).key(folderOf(out)));
    }

    private static String folderOf(ObjectRef out) {
        return out.key().substring(0, out.key().lastIndexOf('/'));
    }
}
