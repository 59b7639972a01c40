package dev.anonymizer.pipeline;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.icc.IccDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.region.Box;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.function.EventTypes;
import dev.anonymizer.support.Events;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What reaches the output besides pixels: nothing identifying (read back with metadata-extractor), the ICC profile
 * kept, and a sideways phone photo shown upright with its face censored where the face is.
 */
@QuarkusTest
class MetadataAndOrientationTest {

    static final Path ROOT = Path.of("target/test-data");


    private static void put(String bucket, String key, byte[] bytes) throws Exception {
        Path f = ROOT.resolve(bucket).resolve(key);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
    }

    @Test
    void gpsThumbnailOwnerXmpIptcAndCommentAreGoneButTheColourProfileStays() throws Exception {
        byte[] input = TestImages.bytes("person_gps_thumbnail.jpg");
        Metadata in = ImageMetadataReader.readMetadata(new ByteArrayInputStream(input));
        List<String> inputGroups = names(in);
        assertTrue(inputGroups.containsAll(List.of("GPS", "Exif Thumbnail", "XMP", "IPTC", "JpegComment", "ICC Profile")),
                "the test input carries them: " + inputGroups);

        String bucket = "meta-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "p.jpg", input);
        Events.imageStored(bucket, "p.jpg").then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_ANONYMIZED)
                .body("metadataRemoved", hasItem(startsWith("GPS")))
                .body("metadataRemoved", hasItem(startsWith("XMP")));

        byte[] output = Files.readAllBytes(ROOT.resolve(bucket + "-anonymized/p.jpg"));
        Metadata out = ImageMetadataReader.readMetadata(new ByteArrayInputStream(output));
        List<String> outputGroups = names(out);
        for (String gone : List.of("GPS", "Exif Thumbnail", "Exif IFD0", "Exif SubIFD", "XMP", "IPTC", "JpegComment",
                "Pentax Makernote", "Photoshop")) {
            assertFalse(outputGroups.contains(gone), gone + " must not reach the output: " + outputGroups);
        }
        String text = new String(output, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String secret : List.of("Jane Doe", "PX123456789", "Paris", "shot at home", "PENTAX")) {
            assertFalse(text.contains(secret), "'" + secret + "' found in the output bytes");
        }
        IccDirectory icc = out.getFirstDirectoryOfType(IccDirectory.class);
        assertNotNull(icc, "ICC profile kept: " + outputGroups);
        assertEquals("Compatible with Adobe RGB (1998)", icc.getDescription(IccDirectory.TAG_TAG_desc));

        JsonNode audit = new ObjectMapper().readTree(ROOT.resolve(bucket + "-anonymized/p.jpg.audit.json").toFile());
        assertEquals(Anonymizer.sha256(input), audit.at("/input/sha256").asText());
        assertEquals(Anonymizer.sha256(output), audit.at("/output/sha256").asText());
        assertTrue(audit.at("/iccProfileKept").asBoolean());
        assertTrue(audit.at("/models").size() >= 2, "models listed with their checksums");
        assertEquals(64, audit.at("/models/0/sha256").asText().length());
        assertTrue(audit.at("/timingsMs/detect").isNumber());
        // how closely it was searched: a 640x424 photo gets every face from 10 px up on the whole image, its finest
        // scale (1.4x) where the coarser passes scored a face
        JsonNode facePlan = null;
        JsonNode seenPlan = null;
        for (JsonNode plan : audit.at("/search")) {
            if (plan.at("/model").asText().equals("yunet-n")) {
                if (plan.at("/look").asText().equals("whole-image")) {
                    facePlan = plan;
                } else if (plan.at("/look").asText().equals("where-seen")) {
                    seenPlan = plan;
                }
            }
        }
        assertNotNull(facePlan, "the face plan is in the audit record: " + audit.at("/search"));
        assertNotNull(seenPlan, "the guided finest scale is in the audit record: " + audit.at("/search"));
        assertEquals(10.0, seenPlan.at("/coveredFromPx").asDouble(), 1e-9, seenPlan.toString());
        assertTrue(seenPlan.at("/passes").asInt() >= 1 && seenPlan.at("/scales/0").asDouble() > 1, seenPlan.toString());
        // the coarser scales (0.7x and down) ran over the whole image
        assertTrue(facePlan.at("/passes").asInt() >= 2 && facePlan.at("/scales/0").asDouble() < 1, facePlan.toString());
        assertEquals(20.0, facePlan.at("/coveredFromPx").asDouble(), 1e-9, facePlan.toString());
        // the budget each detector had on this photo and what it spent: a small photo is searched in full
        JsonNode faceBudget = null;
        for (JsonNode b : audit.at("/budgets")) {
            if (b.at("/model").asText().equals("yunet-n")) {
                faceBudget = b;
            }
        }
        assertNotNull(faceBudget, "the face budget is in the audit record: " + audit.at("/budgets"));
        assertTrue(faceBudget.at("/spentMegapixels").asDouble() <= faceBudget.at("/budgetMegapixels").asDouble(),
                faceBudget.toString());
        assertTrue(faceBudget.at("/inferences").asInt() >= 3, faceBudget.toString());
        assertEquals(0, faceBudget.at("/uncovered").size(), "nothing left uncovered: " + faceBudget);
        assertFalse(audit.toString().contains("48.85"), "no GPS value in the audit record");
    }

    @Test
    void sidewaysPhonePhotoIsShownUprightWithTheFaceCensoredWhereItIs() throws Exception {
        byte[] input = TestImages.bytes("portrait_rotated_exif6.jpg");
        String bucket = "rot-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "phone.jpg", input);
        Events.imageStored(bucket, "phone.jpg").then().statusCode(200)
                .body("status", equalTo("anonymized"))
                .body("regions.face", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        byte[] output = Files.readAllBytes(ROOT.resolve(bucket + "-anonymized/phone.jpg"));
        Metadata out = ImageMetadataReader.readMetadata(new ByteArrayInputStream(output));
        // the JPEG block path keeps the stored grid: the Orientation tag is kept, and nothing else of EXIF
        ExifIFD0Directory exif = out.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertEquals(6, exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION), "orientation tag kept");
        assertEquals(1, exif.getTagCount(), "only the orientation tag");
        try (Mat upright = TestImages.load("grace_hopper_512x512.jpg"); Mat result = TestImages.decode(output)) {
            assertEquals(512, result.cols(), "shown upright: 512 wide");
            assertEquals(420, result.rows(), "shown upright: 420 high");
            Box face = new Box(200, 150, 320, 290);
            double before = ImageStats.laplacianVariance(upright, face);
            double after = ImageStats.laplacianVariance(result, face);
            assertTrue(after < before * 0.1, "face censored in upright coordinates: " + before + " -> " + after);
            // the uniform's lower corners (upright) are not censored
            assertTrue(ImageStats.meanAbsDiff(upright, result, new Box(0, 360, 80, 420)) < 4);
        }
    }

    private static List<String> names(Metadata m) {
        List<String> names = new ArrayList<>();
        for (Directory d : m.getDirectories()) {
            names.add(d.getName());
        }
        return names;
    }
}
