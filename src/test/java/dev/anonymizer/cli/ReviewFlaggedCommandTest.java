package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.region.Box;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.ReviewersFlagProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * Flag mode with reviewers: a doubted photo goes to the output as always and is listed for review as
 * {@code flagged}; a box censored on it is censored in the output's copy, and the audit record says it was reviewed.
 */
@QuarkusMainTest
@TestProfile(ReviewersFlagProfile.class)
class ReviewFlaggedCommandTest {

    static final Path ROOT = Path.of("target/test-data");

    @Test
    void aFlaggedPhotoIsListedAndABoxIsCensoredInTheOutput(QuarkusMainLauncher launcher) throws Exception {
        String bucket = "flag-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(ROOT.resolve(bucket));
        Files.write(ROOT.resolve(bucket).resolve("portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"));
        String id = bucket + "-anonymized/portrait.jpg";
        Path output = ROOT.resolve(bucket + "-anonymized/portrait.jpg");

        LaunchResult run = launcher.launch("backfill", "--bucket", bucket, "--process");
        assertEquals(0, run.exitCode(), run.getErrorOutput());
        assertTrue(Files.isRegularFile(output), "flag mode writes the output as always");
        byte[] flaggedCopy = Files.readAllBytes(output);

        LaunchResult list = launcher.launch("review", "list");
        assertTrue(list.getOutput().lines().anyMatch(l -> l.startsWith(id + "\tflagged\t")
                && l.contains("face-below-threshold")), list.getOutput());

        LaunchResult censor = launcher.launch("review", "censor", id, "176,88,184,236", "--category", "face",
                "--reviewer", "dana");
        assertEquals(0, censor.exitCode(), censor.getErrorOutput());
        assertTrue(censor.getOutput().contains("reviewed " + id + " (in the output at " + id + ") by dana"),
                censor.getOutput());
        try (Mat before = TestImages.decode(flaggedCopy); Mat after = TestImages.decode(Files.readAllBytes(output))) {
            Box inner = Box.ofSize(216, 140, 80, 100);
            assertTrue(ImageStats.laplacianVariance(after, inner) < ImageStats.laplacianVariance(before, inner) * 0.05,
                    "the face is censored in the output's copy");
        }
        JsonNode audit = new ObjectMapper().readTree(ROOT.resolve(bucket + "-anonymized/portrait.jpg.audit.json")
                .toFile());
        assertEquals("reviewed", audit.at("/review/state").asText());
        assertEquals("censored", audit.at("/review/actions/0/action").asText());
        assertEquals("dana", audit.at("/review/actions/0/by").asText());
        assertEquals("reviewed", audit.at("/review/actions/1/action").asText());

        LaunchResult after = launcher.launch("review", "list");
        assertTrue(after.getOutput().lines().noneMatch(l -> l.startsWith(id + "\t")), "no longer listed");
    }
}
