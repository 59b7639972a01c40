package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.anonymizer.Main;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * A command line that only prints (its help, its version, a usage error) loads no model: the registry logs one line
 * per model it loads ({@code model <id> (...) loaded in ... ms}) and one for all of them, and none of those lines is
 * in such a run's output. The control: a command that anonymizes a photo does load them, and its output has the
 * lines. With the default models (all three), as deployed.
 */
@QuarkusMainTest
class CommandLineLoadsNoModelTest {

    /** What the registry logs for each model it loads, and for all of them. */
    static final List<String> LOAD_LINES = List.of("model ppocr-v4-det (", "model yunet-n (", "model nanodet-416 (",
            "models loaded in");

    @Test
    void helpVersionAndUsageErrorsLoadNoModel(QuarkusMainLauncher launcher) {
        assertPrintsOnly(launcher.launch("--help"), 0, "Usage: image-anonymizer");
        assertPrintsOnly(launcher.launch("anonymize", "--help"), 0, "Usage: image-anonymizer anonymize");
        assertPrintsOnly(launcher.launch("evaluate", "--help"), 0, "Usage: image-anonymizer evaluate");
        assertPrintsOnly(launcher.launch("--version"), 0, "image-anonymizer ");
        assertPrintsOnly(launcher.launch("backfill", "--version"), 0, "image-anonymizer ");
        // an unknown command with --help: picocli prints the top-level help
        assertPrintsOnly(launcher.launch("review", "--help"), 0, "Usage: image-anonymizer");
        assertPrintsOnly(launcher.launch("review"), Main.USAGE, "Unmatched argument");
        assertPrintsOnly(launcher.launch("anonymize"), Main.USAGE, "Missing required parameter");
        assertPrintsOnly(launcher.launch("backfill", "--bucket", "b", "--parallelism", "many"), Main.USAGE,
                "'many' is not an int");
    }

    @Test
    void aCommandThatAnonymizesLoadsTheModels(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("loads-models");
        Files.write(dir.resolve("portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"));
        LaunchResult r = launcher.launch("anonymize", dir.resolve("portrait.jpg").toString(), "-o",
                dir.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(Files.isRegularFile(dir.resolve("out/portrait.jpg")));
        String all = r.getOutput() + r.getErrorOutput();
        LOAD_LINES.forEach(line -> assertTrue(all.contains(line), "'" + line + "' in:\n" + all));
    }

    private static void assertPrintsOnly(LaunchResult r, int exitCode, String expected) {
        String all = r.getOutput() + r.getErrorOutput();
        assertEquals(exitCode, r.exitCode(), all);
        assertTrue(all.contains(expected), "'" + expected + "' in:\n" + all);
        LOAD_LINES.forEach(line -> assertFalse(all.contains(line), "no '" + line + "' in:\n" + all));
    }
}
