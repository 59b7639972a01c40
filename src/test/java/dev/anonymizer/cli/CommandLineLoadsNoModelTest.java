package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.anonymizer.Main;
import dev.anonymizer.support.PortraitRun;
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
    static final List<String> LOAD_LINES = List.of("model ppocr-v4-det-int8m (", "model yunet-n (", "model nanodet-416-int8m (",
            "models loaded in");
    /** The test profile's own key: a system property with it wins over application.properties. */
    static final String WARM_UP = "%test.anonymizer.models.warm-up";

    @Test
    void helpVersionAndUsageErrorsLoadNoModel(QuarkusMainLauncher launcher) {
        assertPrintsOnly(launcher.launch("--help"), 0, "Usage: image-anonymizer");
        assertPrintsOnly(launcher.launch("anonymize", "--help"), 0, "Usage: image-anonymizer anonymize");
        assertPrintsOnly(launcher.launch("--version"), 0, "image-anonymizer ");
        assertPrintsOnly(launcher.launch("bogus"), Main.USAGE, "Unmatched argument");
        assertPrintsOnly(launcher.launch("review"), Main.USAGE, "Missing required subcommand");
        assertPrintsOnly(launcher.launch("anonymize"), Main.USAGE, "Missing required parameter");
    }

    /**
     * The control, with the warm-up on as deployed (the test profile turns it off to keep the other tests' start-ups
     * short): the same log lines, each model warmed up.
     */
    @Test
    void aCommandThatAnonymizesLoadsTheModels(QuarkusMainLauncher launcher) throws Exception {
        System.setProperty(WARM_UP, "true");
        PortraitRun run;
        try {
            run = PortraitRun.anonymize(launcher, "loads-models");
        } finally {
            System.clearProperty(WARM_UP);
        }
        LaunchResult r = run.result();
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(Files.isRegularFile(run.output()));
        String all = r.getOutput() + r.getErrorOutput();
        LOAD_LINES.forEach(line -> assertTrue(all.contains(line), "'" + line + "' in:\n" + all));
        assertEquals(3, all.split("of which warm-up", -1).length - 1, "three models warmed up:\n" + all);
        assertTrue(all.contains("each warmed up"), all);
    }

    private static void assertPrintsOnly(LaunchResult r, int exitCode, String expected) {
        String all = r.getOutput() + r.getErrorOutput();
        assertEquals(exitCode, r.exitCode(), all);
        assertTrue(all.contains(expected), "'" + expected + "' in:\n" + all);
        LOAD_LINES.forEach(line -> assertFalse(all.contains(line), "no '" + line + "' in:\n" + all));
    }
}
