package dev.anonymizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.storage.LocalObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.SyntheticImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The command line: {@code backfill ...} runs and exits with its status; a wrong command line exits with 2. */
@QuarkusMainTest
@TestProfile(FastPipelineProfile.class)
class MainTest {

    /** The store the launched application uses (the test profile's local root). */
    static final LocalObjectStore STORE = new LocalObjectStore(Path.of("target/test-data"), new ObjectMapper());

    @Test
    void backfillCommandProcessesTheBucket(QuarkusMainLauncher launcher) {
        String bucket = "bf-cli-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            STORE.put(bucket, "p/img-" + i + ".png", SyntheticImages.blocksPng(i, 64, 48), "image/png", Map.of());
        }
        LaunchResult result = launcher.launch("backfill", "--bucket", bucket, "--prefix", "p/", "--parallelism", "2");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("backfill process of " + bucket + "/p/: 12 found, 12 handled: "
                + "12 anonymized, 0 skipped, 0 rejected, 0 failed"), result.getOutput());
        assertTrue(result.getErrorOutput().contains("12/12 (100%)"), "progress on stderr: " + result.getErrorOutput());
        List<String> outputs = new ArrayList<>();
        STORE.list(bucket + "-anonymized", "p/", k -> {
            if (k.endsWith(".png")) {
                outputs.add(k);
            }
        });
        assertEquals(12, outputs.size());

        LaunchResult again = launcher.launch("backfill", "--bucket", bucket, "--prefix", "p/", "--max-objects", "5");
        assertEquals(0, again.exitCode());
        assertTrue(again.getOutput().contains("5 handled: 0 anonymized, 5 skipped"), again.getOutput());
    }

    @Test
    void wrongCommandLinesExitWithUsage(QuarkusMainLauncher launcher) {
        LaunchResult unknown = launcher.launch("shred");
        assertEquals(Main.USAGE, unknown.exitCode());
        assertTrue(unknown.getErrorOutput().contains("backfill --bucket B"), unknown.getErrorOutput());
        LaunchResult noBucket = launcher.launch("backfill", "--prefix", "x/");
        assertEquals(Main.USAGE, noBucket.exitCode());
        assertTrue(noBucket.getErrorOutput().contains("--bucket is required"), noBucket.getErrorOutput());
        LaunchResult badNumber = launcher.launch("backfill", "--bucket", "b", "--parallelism", "many");
        assertEquals(Main.USAGE, badNumber.exitCode());
    }
}
