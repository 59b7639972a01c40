package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.evaluation.LabelledImage;
import dev.anonymizer.evaluation.LabelledSets;
import dev.anonymizer.region.Box;
import dev.anonymizer.support.HoldReviewProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * {@code review list | release | censor | export-labels} on photos the real pipeline held ({@code backfill --process}
 * in hold mode, on the local store under {@code target/test-data}): listed with their doubts, a box censored and the
 * photo released with the reviewer in the audit record, a second release refused, a bad box refused with a message,
 * and the reviewed boxes exported as labels that {@code evaluate}'s reader reads.
 */
@QuarkusMainTest
@TestProfile(HoldReviewProfile.class)
class ReviewCommandTest {

    static final Path ROOT = Path.of("target/test-data");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listCensorReleaseAndExportLabels(QuarkusMainLauncher launcher) throws Exception {
        String bucket = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] portrait = TestImages.bytes("grace_hopper_512x512.jpg");
        Files.createDirectories(ROOT.resolve(bucket).resolve("people"));
        Files.write(ROOT.resolve(bucket).resolve("people/a.jpg"), portrait);
        Files.write(ROOT.resolve(bucket).resolve("people/b.jpg"), portrait);
        String a = bucket + "-anonymized/people/a.jpg";
        String b = bucket + "-anonymized/people/b.jpg";

        LaunchResult held = launcher.launch("backfill", "--bucket", bucket, "--process");
        assertEquals(0, held.exitCode(), held.getErrorOutput());
        assertTrue(Files.notExists(ROOT.resolve(bucket + "-anonymized/people/a.jpg")), "held, not in the output");

        LaunchResult list = launcher.launch("review", "list");
        assertEquals(0, list.exitCode(), list.getErrorOutput());
        for (String id : new String[] {a, b}) {
            String line = list.getOutput().lines().filter(l -> l.startsWith(id + "\t")).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " listed: " + list.getOutput()));
            assertTrue(line.contains("\theld\t" + bucket + "/people/") && line.contains("face-below-threshold"), line);
        }

        LaunchResult refused = launcher.launch("review", "censor", a, "600,10,50,50", "--category", "face");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.getErrorOutput().contains("not inside the image (512 x 512 px)"), refused.getErrorOutput());
        LaunchResult zero = launcher.launch("review", "censor", a, "10,10,0,50", "--category", "face");
        assertEquals(2, zero.exitCode(), "a box of zero size is a wrong command line");
        assertTrue(zero.getErrorOutput().contains("has no area"), zero.getErrorOutput());

        LaunchResult censored = launcher.launch("review", "censor", a, "176,88,184,236", "--category", "face",
                "--reviewer", "carol");
        assertEquals(0, censored.exitCode(), censored.getErrorOutput());
        assertTrue(censored.getOutput().contains("released " + a + " to " + a + " by carol"), censored.getOutput());
        JsonNode audit = JSON.readTree(ROOT.resolve(bucket + "-anonymized/people/a.jpg.audit.json").toFile());
        assertEquals("censored", audit.at("/review/actions/0/action").asText());
        assertEquals("carol", audit.at("/review/actions/0/by").asText());
        assertEquals("[176,88,360,324]", audit.at("/review/actions/0/box").toString());
        assertEquals("released", audit.at("/review/actions/1/action").asText());

        LaunchResult releases = launcher.launch("review", "release", b);
        assertEquals(0, releases.exitCode(), releases.getErrorOutput());
        assertTrue(releases.getOutput().contains("by cli:" + System.getProperty("user.name")), releases.getOutput());
        assertTrue(Files.isRegularFile(ROOT.resolve(bucket + "-anonymized/people/b.jpg")));

        LaunchResult again = launcher.launch("review", "release", a);
        assertEquals(1, again.exitCode(), "released already");
        assertTrue(again.getErrorOutput().contains("released already by carol"), again.getErrorOutput());

        Path labels = Files.createTempDirectory("review-labels");
        LaunchResult export = launcher.launch("review", "export-labels", labels.toString());
        assertEquals(0, export.exitCode(), export.getErrorOutput());
        assertTrue(export.getOutput().contains("export-labels: "), export.getOutput());
        LabelledImage exported = LabelledSets.load(labels, JSON).stream()
                .filter(p -> p.file().getFileName().toString().equals(a.replace('/', '_'))).findFirst().orElseThrow();
        assertTrue(exported.boxes().stream().anyMatch(l -> l.label().equals("face")
                && l.box().equals(Box.ofSize(176, 88, 184, 236))), exported.boxes().toString());
        assertTrue(java.util.Arrays.equals(portrait, Files.readAllBytes(exported.file())), "the original beside it");
    }
}
