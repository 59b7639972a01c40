package dev.anonymizer.deploy;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.anonymizer.support.Events;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The packaged function ({@code target/quarkus-app}, started as its own process) answers real events the way it is
 * deployed: every committed photo (baseline, 4:2:2, greyscale, progressive, arithmetic-coded, restart markers, EXIF
 * rotation, Full HD) is anonymized, a file that is no image is rejected, readiness lists the three models and the
 * status page counts what was done. With {@code -Paot} (JDK 25) this run is also the training run of the AOT cache
 * ({@code target/quarkus-app/app.aot}): what it exercises is what the cache holds ready. Tagged {@code packaged}:
 * left out of the default build (it starts the packaged function once more), run by {@code -Paot} or with
 * {@code ./mvnw verify -Dit.test=PackagedFunctionIT -Dexcluded.test.groups=eval,benchmark}.
 */
@Tag("packaged")
@QuarkusIntegrationTest
@WithTestResource(PackagedFunctionIT.Photos.class)
class PackagedFunctionIT {

    static final List<String> PHOTOS = List.of("grace_hopper_512x512.jpg", "dog.jpg", "person.jpg", "kite.jpg",
            "messi5.jpg", "messi5_422.jpg", "messi5_grey.jpg", "messi5_progressive.jpg", "messi5_arithmetic.jpg",
            "messi5_multiscan.jpg", "messi5_restart7.jpg", "portrait_rotated_exif6.jpg", "person_gps_thumbnail.jpg",
            "licenseplate_motion.jpg");

    @Test
    void answersRealEventsAsDeployed() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("model:ppocr-v4-det-int8m", "model:yunet-n", "model:nanodet-416-int8m", "object-store"));

        Events.imageStored("photos", "grace_hopper_512x512.jpg").then().statusCode(200)
                .header("ce-type", "dev.anonymizer.image.anonymized")
                .body("status", equalTo("anonymized"), "regions.face", greaterThanOrEqualTo(1));
        for (String photo : PHOTOS.subList(1, PHOTOS.size())) {
            Events.imageStored("photos", photo).then().statusCode(200).body("status", equalTo("anonymized"));
        }
        Events.imageStored("photos", "notes.jpg").then().statusCode(200)
                .header("ce-type", "dev.anonymizer.image.rejected").body("reason", equalTo("not-an-image"));
        // the function's own output is skipped, not anonymized again
        Events.imageStored("photos-anonymized", "dog.jpg").then().statusCode(200)
                .header("ce-type", "dev.anonymizer.image.skipped");

        RestAssured.given().accept("application/json").get("/").then().statusCode(200)
                .body("imagesSinceStart.anonymized", equalTo(PHOTOS.size()), "imagesSinceStart.rejected", equalTo(1));
        assertTrue(Files.isRegularFile(Photos.ROOT.resolve("photos-anonymized/grace_hopper_512x512.jpg.audit.json")));
        RestAssured.get("/q/metrics").then().statusCode(200);
    }

    /** A local store holding the committed photos and one file that is no image. */
    public static class Photos implements QuarkusTestResourceLifecycleManager {

        static final Path ROOT = Path.of("target/packaged-it-data").toAbsolutePath();

        @Override
        public Map<String, String> start() {
            try {
                Path photos = Files.createDirectories(ROOT.resolve("photos"));
                for (String name : PHOTOS) {
                    Files.copy(Path.of("src/test/resources/images", name), photos.resolve(name),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(photos.resolve("notes.jpg"), "not a photo: a text file named .jpg");
                Path out = Files.createDirectories(ROOT.resolve("photos-anonymized"));
                Files.copy(photos.resolve("dog.jpg"), out.resolve("dog.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("anonymizer.storage.local.root", ROOT.toString(),
                    "org.bytedeco.javacpp.cachedir", Path.of("target/javacpp-cache").toAbsolutePath().toString());
        }

        @Override
        public void stop() {
            // the store stays for inspection; the next run overwrites it
        }
    }
}
