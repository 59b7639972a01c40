package dev.anonymizer.function;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;

import dev.anonymizer.support.FastPipelineProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BadObjectNamesTest} on the local store (root {@code target/test-data}). */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class LocalBadObjectNamesTest extends BadObjectNamesTest {

    static List<Case> storeSpecific() {
        return List.of(
                // the store keeps user metadata under <root>/.metadata: a bucket of that name would read it
                new Case("the store's metadata folder", ".metadata", "photos/a.jpg.json"),
                new Case("hidden bucket", ".cache", "a.jpg"));
    }

    @AfterAll
    static void nothingWasWrittenOutsideTheStore() {
        // the traversals above would have reached target/etc/hostname, beside the store's root
        assertFalse(Files.exists(Path.of("target/etc")), "nothing written outside the store");
        assertFalse(Files.exists(Path.of("target/test-data/..-anonymized")), "no output bucket for '..'");
    }
}
