package dev.anonymizer.function;

import java.util.List;

import dev.anonymizer.support.FastS3Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BadObjectNamesTest} on a real S3 server (S3Proxy on 127.0.0.1). */
@QuarkusTest
@TestProfile(FastS3Profile.class)
class S3BadObjectNamesTest extends BadObjectNamesTest {

    static List<Case> storeSpecific() {
        return List.of(
                new Case("bucket name S3 refuses", "Not_A_Valid_Bucket", "a.jpg"),
                new Case("key longer than S3 allows", "photos", "k".repeat(1100) + ".jpg"));
    }
}
