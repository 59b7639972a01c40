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
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The command line: each command has --help, a wrong command line is answered with the usage and status 2, and
 * {@code backfill ...} runs and exits with its status.
 */
@QuarkusMainTest
@TestProfile(FastPipelineProfile.class)
class MainTest {

    /** The store the launched application uses (the test profile's local root). */
    static final LocalObjectStore STORE = new LocalObjectStore(Path.of("target/test-data"), new ObjectMapper());

    @Test
    void backfillCommandProcessesTheBucket(QuarkusMainLauncher launcher) {
        String bucket = "bf-cli-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            STORE.put(ObjectRef.of(bucket, "p/img-" + i + ".png"), SyntheticImages.blocksPng(i, 64, 48), "image/png", Map.of());
        }
        LaunchResult result = launcher.launch("backfill", "--bucket", bucket, "--prefix", "p/", "--parallelism", "2");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("backfill process of " + bucket + "/p/: 12 found, 12 handled: "
                + "12 anonymized, 0 skipped, 0 rejected, 0 failed"), result.getOutput());
        // the progress bar's last line: all done, with the counts as its message
        assertTrue(result.getErrorOutput().contains("12/12 objects"), "progress on stderr: " + result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("12 anonymized"), result.getErrorOutput());
        List<String> outputs = new ArrayList<>();
        STORE.list(bucket + "-anonymized", "p/", n -> {
            if (n.key().endsWith(".png")) {
                outputs.add(n.key());
            }
        });
        assertEquals(12, outputs.size());

        LaunchResult again = launcher.launch("backfill", "--bucket", bucket, "--prefix", "p/", "--max-objects", "5");
        assertEquals(0, again.exitCode());
        assertTrue(again.getOutput().contains("5 handled: 0 anonymized, 5 skipped"), again.getOutput());
    }

    @Test
    void everyCommandHasHelp(QuarkusMainLauncher launcher) {
        LaunchResult top = launcher.launch("--help");
        assertEquals(0, top.exitCode(), top.getErrorOutput());
        for (String command : List.of("anonymize", "backfill", "evaluate")) {
            assertTrue(top.getOutput().contains(command), top.getOutput());
        }
        Map<String, List<String>> options = Map.of(
                "anonymize", List.of("PATH...", "--output=DIR", "--parallelism=N"),
                "backfill", List.of("--bucket=B", "--prefix=P", "--publish", "--max-objects=K"),
                "evaluate", List.of("--labels=DIR", "--thresholds=T", "--target=R", "--misses", "--report=DIR"));
        options.forEach((command, expected) -> {
            LaunchResult help = launcher.launch(command, "--help");
            assertEquals(0, help.exitCode(), command + ": " + help.getErrorOutput());
            assertTrue(help.getOutput().contains("Usage: image-anonymizer " + command), help.getOutput());
            expected.forEach(o -> assertTrue(help.getOutput().contains(o), command + " lacks " + o + ":\n"
                    + help.getOutput()));
        });
    }

    @Test
    void wrongCommandLinesExitWithUsage(QuarkusMainLauncher launcher) {
        // a word close to no command: picocli answers a near miss ("shred" for "review") with a suggestion instead
        LaunchResult unknown = launcher.launch("bogus");
        assertEquals(Main.USAGE, unknown.exitCode());
        assertTrue(unknown.getErrorOutput().contains("Unmatched argument"), unknown.getErrorOutput());
        assertTrue(unknown.getErrorOutput().contains("Usage: image-anonymizer"), unknown.getErrorOutput());

        LaunchResult noBucket = launcher.launch("backfill", "--prefix", "x/");
        assertEquals(Main.USAGE, noBucket.exitCode());
        assertTrue(noBucket.getErrorOutput().contains("Missing required option: '--bucket=B'"), noBucket.getErrorOutput());
        assertTrue(noBucket.getErrorOutput().contains("Usage: image-anonymizer backfill"), noBucket.getErrorOutput());

        LaunchResult badNumber = launcher.launch("backfill", "--bucket", "b", "--parallelism", "many");
        assertEquals(Main.USAGE, badNumber.exitCode());
        assertTrue(badNumber.getErrorOutput().contains("'many' is not an int"), badNumber.getErrorOutput());

        LaunchResult unknownOption = launcher.launch("evaluate", "--labels", ".", "--frobnicate");
        assertEquals(Main.USAGE, unknownOption.exitCode());
        assertTrue(unknownOption.getErrorOutput().contains("Unknown option: '--frobnicate'"),
                unknownOption.getErrorOutput());
        assertTrue(unknownOption.getErrorOutput().contains("Usage: image-anonymizer evaluate"),
                unknownOption.getErrorOutput());
    }
}
