package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.Main;
import dev.anonymizer.support.DocumentShapes;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.JsonShape;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * {@code anonymize PATH... -o DIR} on real files: a folder is searched recursively for images (other files and hidden
 * ones left alone), each censored copy lands at its path inside DIR with its audit record, the inputs stay as they
 * were, a bad file makes the exit status 1, and an output folder that would overwrite the photos is refused.
 */
@QuarkusMainTest
@TestProfile(FastPipelineProfile.class)
class AnonymizeCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anonymizesAFolderRecursivelyIntoTheOutputFolder(QuarkusMainLauncher launcher) throws Exception {
        Path root = Files.createTempDirectory("anonymize");
        Path in = root.resolve("photos");
        Files.createDirectories(in.resolve("cars/more"));
        byte[] plate;
        try (Mat m = TestImages.syntheticPlate()) {
            plate = TestImages.encode(m, ".png");
        }
        byte[] dog = TestImages.bytes("dog.jpg");
        Files.write(in.resolve("cars/plate.png"), plate);
        Files.write(in.resolve("cars/more/dog.JPG"), dog);
        Files.writeString(in.resolve("cars/labels.txt"), "not an image");
        Files.write(in.resolve("cars/.hidden.png"), plate);
        Path out = root.resolve("out");

        LaunchResult r = launcher.launch("anonymize", in.toString(), "-o", out.toString(), "--parallelism", "2");
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        assertTrue(r.getOutput().contains("anonymize: 2 images: 2 anonymized, 0 rejected, 0 failed"), r.getOutput());
        assertTrue(r.getOutput().contains("1 other files in the folders were left alone"), r.getOutput());
        // the white plate's frame is found around its characters: censored as a plate
        assertTrue(java.util.regex.Pattern.compile("censored: [^\n]*plate 1").matcher(r.getOutput()).find(),
                r.getOutput());
        assertTrue(r.getErrorOutput().contains("2/2 images"), "progress bar on stderr: " + r.getErrorOutput());

        Path censoredPlate = out.resolve("cars/plate.png");
        assertTrue(Files.isRegularFile(out.resolve("cars/more/dog.JPG")), "inner paths kept");
        assertFalse(Files.exists(out.resolve("cars/labels.txt")) || Files.exists(out.resolve("cars/.hidden.png")));
        try (Mat before = TestImages.decode(plate); Mat after = TestImages.decode(Files.readAllBytes(censoredPlate))) {
            double stdBefore = ImageStats.greyStdDev(before, TestImages.PLATE_TEXT);
            double stdAfter = ImageStats.greyStdDev(after, TestImages.PLATE_TEXT);
            assertTrue(stdAfter < stdBefore * 0.35, "plate text censored: " + stdBefore + " -> " + stdAfter);
        }
        JsonNode audit = JSON.readTree(out.resolve("cars/plate.png.audit.json").toFile());
        assertEquals(in.resolve("cars/plate.png").toString(), audit.at("/input/file").asText());
        assertEquals(censoredPlate.toString(), audit.at("/output/file").asText());
        assertTrue(audit.at("/counts/plate").asInt() >= 1, audit.toString());
        assertEquals("PNG", audit.at("/input/format").asText());
        // the inputs are untouched
        assertArrayEquals(plate, Files.readAllBytes(in.resolve("cars/plate.png")));
        assertArrayEquals(dog, Files.readAllBytes(in.resolve("cars/more/dog.JPG")));

        // an output folder that is the input folder would replace the photos: refused before anything is done
        LaunchResult over = launcher.launch("anonymize", in.toString(), "-o", in.toString());
        assertEquals(Main.USAGE, over.exitCode());
        assertTrue(over.getErrorOutput().contains("is an input folder"), over.getErrorOutput());
        assertArrayEquals(plate, Files.readAllBytes(in.resolve("cars/plate.png")));
    }

    @Test
    void aFileThatIsNoImageMakesTheRunFail(QuarkusMainLauncher launcher) throws Exception {
        Path root = Files.createTempDirectory("anonymize-bad");
        byte[] portrait = TestImages.bytes("grace_hopper_512x512.jpg");
        Path good = root.resolve("portrait.jpg");
        Path truncated = root.resolve("truncated.jpg");
        Files.write(good, portrait);
        Files.write(truncated, Arrays.copyOf(portrait, portrait.length / 2));
        Path out = root.resolve("out");

        LaunchResult r = launcher.launch("anonymize", good.toString(), truncated.toString(), "-o", out.toString());
        assertEquals(1, r.exitCode(), r.getOutput());
        assertTrue(r.getOutput().contains("2 images: 1 anonymized, 1 rejected, 0 failed"), r.getOutput());
        assertTrue(r.getErrorOutput().contains("rejected " + truncated + ": truncated"), r.getErrorOutput());
        assertTrue(Files.isRegularFile(out.resolve("portrait.jpg")));
        assertFalse(Files.exists(out.resolve("truncated.jpg")), "nothing written for a rejected file");
        Set<String> audit = JsonShape.paths(JSON.readTree(out.resolve("portrait.jpg.audit.json").toFile()), "timingsMs");
        assertEquals(DocumentShapes.AUDIT_TOP, DocumentShapes.top(audit), audit.toString());
        assertEquals(DocumentShapes.FILE_AUDIT_PLACES, DocumentShapes.under(audit, "input", "output"), audit.toString());
        DocumentShapes.assertTimings(JSON.readTree(out.resolve("portrait.jpg.audit.json").toFile()).get("timingsMs"),
                DocumentShapes.FILE_STEPS, 1);

        LaunchResult missing = launcher.launch("anonymize", root.resolve("nothing-here.jpg").toString());
        assertEquals(Main.USAGE, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("no such file or folder"), missing.getErrorOutput());
    }
}
