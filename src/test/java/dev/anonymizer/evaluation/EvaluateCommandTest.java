package dev.anonymizer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.Main;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * {@code evaluate --labels DIR}: on a small labelled folder (plate-format labels) the real text detector finds the
 * drawn plate, a wrongly placed label is reported as missed, and the table, the threshold advice and the misses
 * are printed.
 */
@QuarkusMainTest
@TestProfile(FastPipelineProfile.class)
class EvaluateCommandTest {

    @Test
    void evaluatesALabelledFolder(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("evaluate");
        try (Mat plate = TestImages.syntheticPlate()) {
            Files.write(dir.resolve("plate.png"), TestImages.encode(plate, ".png"));
            Files.write(dir.resolve("wrong.png"), TestImages.encode(plate, ".png"));
        }
        Files.writeString(dir.resolve("plate.txt"), "plate.png\t160\t215\t320\t90\tAB123CD\n");
        // a label where nothing is: must be missed
        Files.writeString(dir.resolve("wrong.txt"), "wrong.png\t10\t10\t100\t40\tNOTHERE\n");

        LaunchResult r = launcher.launch("evaluate", "--labels", dir.toString(), "--thresholds", "0.5,0.9",
                "--target", "0.5", "--misses");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("2 images"), out);
        assertTrue(out.matches("(?s).*plate\\s+2\\s+50\\.0%.*"), "one of two plates censored at t=0.5: " + out);
        assertTrue(out.contains("plate: threshold"), out);
        assertTrue(out.contains("missed at 0.5: wrong.png plate 10,10 100x40"), out);
    }

    @Test
    void missingFolderIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("evaluate", "--labels", "/nonexistent/folder");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--labels must name a folder"), r.getErrorOutput());
    }
}
