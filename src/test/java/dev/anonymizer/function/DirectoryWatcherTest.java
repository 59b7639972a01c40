package dev.anonymizer.function;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The local try-out of dev mode: a photo copied into the watched bucket directory is anonymized as if a
 * {@code dev.anonymizer.image.stored} event had arrived (censored copy and audit record in the output bucket).
 */
@QuarkusTest
@TestProfile(DirectoryWatcherTest.Watching.class)
class DirectoryWatcherTest {

    static final Path ROOT = Path.of("target/test-data-watch");

    /** Dev mode's watch setting, on its own store root. */
    public static class Watching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anonymizer.watch.enabled", "true", "anonymizer.watch.buckets", "drop",
                    "anonymizer.storage.local.root", ROOT.toString());
        }
    }

    @Test
    void aCopiedPhotoIsAnonymized() throws Exception {
        Path inbox = ROOT.resolve("drop");
        assertTrue(Files.isDirectory(inbox), "the watched bucket directory is created at start-up");
        String name = "portrait-" + System.nanoTime() + ".jpg";
        Path tmp = ROOT.resolve("." + name);
        Files.write(tmp, TestImages.bytes("grace_hopper_512x512.jpg"));
        Files.move(tmp, inbox.resolve(name));
        Path out = ROOT.resolve("drop-anonymized").resolve(name);
        Path audit = ROOT.resolve("drop-anonymized").resolve(name + ".audit.json");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.exists(out) && Files.exists(audit)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(out), "censored copy written for the copied photo");
        int faces = new com.fasterxml.jackson.databind.ObjectMapper().readTree(audit.toFile()).at("/counts/face").asInt();
        assertTrue(faces >= 1, "the face was found: " + faces);
    }
}
