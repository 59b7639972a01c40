package dev.anonymizer.imaging.jpeg;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.function.EventTypes;
import dev.anonymizer.support.Events;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Through the whole function: a baseline JPEG takes the block path (the audit says so and how many blocks), a
 * progressive one is re-encoded with its own tables (the audit says why), a truncated one is rejected and nothing
 * is written.
 */
@QuarkusTest
class CensoredJpegEventTest {

    static final Path ROOT = Path.of("target/test-data");

    @Test
    void aBaselinePhotoKeepsItsUncensoredBlocksAndTheAuditNamesThePath() throws Exception {
        byte[] input = TestImages.bytes("portrait_rotated_exif6.jpg");
        String bucket = put("blocks", "phone.jpg", input);
        Events.imageStored(bucket, "phone.jpg").then().statusCode(200).body("status", equalTo("anonymized"));

        JsonNode audit = audit(bucket, "phone.jpg");
        assertEquals("blocks", audit.at("/jpeg/path").asText());
        assertEquals("source", audit.at("/jpeg/quantisation").asText());
        long rewritten = audit.at("/jpeg/blocksRewritten").asLong();
        long total = audit.at("/jpeg/blocksTotal").asLong();
        // a portrait: the padded face ellipse's box is about half the photo
        assertTrue(rewritten > 0 && rewritten < total * 0.7, rewritten + " of " + total + " blocks rewritten");
        assertTrue(audit.at("/jpeg/fallback").isMissingNode());

        byte[] output = Files.readAllBytes(ROOT.resolve(bucket + "-anonymized/phone.jpg"));
        Coefficients in = Coefficients.read(input);
        Coefficients out = Coefficients.read(output);
        long same = 0;
        long all = 0;
        for (int c = 0; c < in.blocks.length; c++) {
            for (int i = 0; i < in.blocks[c].length; i++) {
                all++;
                same += Arrays.equals(in.blocks[c][i], out.blocks[c][i]) ? 1 : 0;
            }
        }
        assertTrue(same >= all - rewritten, "at most the rewritten blocks differ: " + (all - same) + " > " + rewritten);
        double ratio = output.length / (double) input.length;
        assertTrue(ratio < 1.0, "no larger than the input (its blurred half codes in fewer bits): " + ratio);
    }

    @Test
    void aProgressivePhotoIsReencodedWithItsOwnTables() throws Exception {
        byte[] input = TestImages.bytes("grace_hopper_512x512.jpg");
        String bucket = put("progressive", "portrait.jpg", input);
        Events.imageStored(bucket, "portrait.jpg").then().statusCode(200).body("status", equalTo("anonymized"));
        JsonNode audit = audit(bucket, "portrait.jpg");
        assertEquals("re-encoded", audit.at("/jpeg/path").asText());
        assertEquals("progressive", audit.at("/jpeg/fallback").asText());
        assertEquals("source", audit.at("/jpeg/quantisation").asText());
        byte[] output = Files.readAllBytes(ROOT.resolve(bucket + "-anonymized/portrait.jpg"));
        ParsedJpeg source = JpegParser.parse(input);
        ParsedJpeg written = JpegParser.parse(output);
        assertTrue(Arrays.equals(source.componentQuant().get(0), written.componentQuant().get(0)), "same quality");
    }

    @Test
    void aTruncatedJpegIsRejectedAndNothingIsWritten() throws Exception {
        byte[] input = TestImages.bytes("messi5.jpg");
        String bucket = put("truncated", "cut.jpg", Arrays.copyOf(input, input.length / 2));
        Events.imageStored(bucket, "cut.jpg").then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_REJECTED)
                .body("reason", equalTo("truncated"));
        assertFalse(Files.exists(ROOT.resolve(bucket + "-anonymized/cut.jpg")), "no output");
        assertFalse(Files.exists(ROOT.resolve(bucket + "-anonymized/cut.jpg.audit.json")), "no audit record");
    }

    private static String put(String prefix, String key, byte[] bytes) throws Exception {
        String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path f = ROOT.resolve(bucket).resolve(key);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        return bucket;
    }


    private static JsonNode audit(String bucket, String key) throws Exception {
        return new ObjectMapper().readTree(ROOT.resolve(bucket + "-anonymized/" + key + ".audit.json").toFile());
    }
}
