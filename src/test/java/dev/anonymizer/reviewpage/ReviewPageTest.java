package dev.anonymizer.reviewpage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.ReviewArea;
import dev.anonymizer.review.ReviewService;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.HeldPhotos;
import dev.anonymizer.support.HoldReviewProfile;
import dev.anonymizer.support.JsonShape;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The review page over HTTP: every request needs a reviewer's token (401 and nothing changed without one, or with a
 * wrong one), only held censored copies are served (404 for anything else), a box outside the image or of zero size
 * is refused with a message (400), a release answers who released it, and a second one is told (409).
 */
@QuarkusTest
@TestProfile(HoldReviewProfile.class)
class ReviewPageTest {

    static final String ALICE = "Bearer " + HoldReviewProfile.ALICE_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AnonymizationPipeline pipeline;
    @Inject
    ObjectStore store;
    @Inject
    ReviewService review;

    @Test
    void withoutAReviewersTokenEveryRequestIs401AndChangesNothing() {
        String id = HeldPhotos.holdPortrait(store, pipeline);
        String body = "{\"id\":\"" + id + "\"}";
        for (String auth : new String[] {null, "Bearer wrong-token-0123456789abcdef", "Bearer ", "Basic YWxpY2U6eA=="}) {
            given().headers(auth == null ? Map.of() : Map.of("Authorization", auth)).get("/review").then()
                    .statusCode(401).body(containsString("Sign in"));
            given().headers(auth == null ? Map.of() : Map.of("Authorization", auth)).get("/review/api/photos").then()
                    .statusCode(401);
            given().headers(auth == null ? Map.of() : Map.of("Authorization", auth)).queryParam("id", id)
                    .get("/review/image").then().statusCode(401);
            given().headers(auth == null ? Map.of() : Map.of("Authorization", auth)).contentType(ContentType.JSON)
                    .body(body).post("/review/api/release").then().statusCode(401);
            given().headers(auth == null ? Map.of() : Map.of("Authorization", auth)).contentType(ContentType.JSON)
                    .body("{\"id\":\"" + id + "\",\"category\":\"face\",\"box\":[10,10,50,50]}")
                    .post("/review/api/censor").then().statusCode(401);
        }
        given().cookie(ReviewPage.COOKIE, "wrong-token-0123456789abcdef").get("/review/api/photos").then()
                .statusCode(401);
        assertTrue(review.held(id).isPresent(), "still held");
        assertTrue(store.head(ReviewArea.outputOf(id).orElseThrow()).isEmpty(), "nothing released");
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatOpensThePage() {
        given().formParam("token", "wrong-token-0123456789abcdef").post("/review/sign-in").then().statusCode(401)
                .body(containsString("not a reviewer's"));
        Response signedIn = given().redirects().follow(false).formParam("token", HoldReviewProfile.BOB_TOKEN)
                .post("/review/sign-in");
        assertEquals(303, signedIn.statusCode());
        String setCookie = signedIn.header("Set-Cookie");
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("; httponly") && lower.contains("samesite=strict") && lower.contains("path=/review"),
                setCookie);
        String cookie = signedIn.cookie(ReviewPage.COOKIE);
        given().cookie(ReviewPage.COOKIE, cookie).get("/review").then().statusCode(200)
                .body(containsString("Held photos"));
    }

    @Test
    void listsHeldPhotosWithTheirDoubtsAndServesOnlyTheHeldCensoredCopy() throws Exception {
        String id = HeldPhotos.holdPortrait(store, pipeline);
        List<Map<String, Object>> photos = given().header("Authorization", ALICE).get("/review/api/photos").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> photo = photos.stream().filter(p -> id.equals(p.get("id"))).findFirst().orElseThrow();
        JsonNode listed = JSON.readTree(given().header("Authorization", ALICE).get("/review/api/photos").asString());
        for (JsonNode p : listed) {
            if (p.path("id").asText().equals(id)) {
                assertEquals(JsonShape.of("id", "state", "input", "heldAt", "doubts", "doubts[].kind", "doubts[].box",
                        "doubts[].score"), JsonShape.paths(p));
                assertEquals("held", p.path("state").asText());
            }
        }
        List<Map<String, Object>> doubts = (List<Map<String, Object>>) photo.get("doubts");
        assertTrue(doubts.stream().anyMatch(d -> "face-below-threshold".equals(d.get("kind"))), photo.toString());

        byte[] served = given().header("Authorization", ALICE).queryParam("id", id).get("/review/image").then()
                .statusCode(200).header("Cache-Control", "no-store").contentType("image/jpeg").extract().asByteArray();
        assertArrayEquals(review.heldImage(id).orElseThrow().bytes(), served, "the held censored copy");
        assertFalse(java.util.Arrays.equals(TestImages.bytes("grace_hopper_512x512.jpg"), served), "never the original");

        String input = review.held(id).orElseThrow().input();
        for (String other : List.of(input, "../etc/passwd", "x", id + ".audit.json")) {
            given().header("Authorization", ALICE).queryParam("id", other).get("/review/image").then().statusCode(404);
            given().header("Authorization", ALICE).contentType(ContentType.JSON).body(Map.of("id", other))
                    .post("/review/api/release").then().statusCode(404).body(containsString("not-held"));
        }
    }

    @Test
    void aBadBoxIsRefusedWithAMessageAndAReleaseIsDoneOnce() throws Exception {
        String id = HeldPhotos.holdPortrait(store, pipeline);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body(Map.of("id", id, "category", "face", "box", List.of(400, 400, 200, 50)))
                .post("/review/api/censor").then().statusCode(400)
                .body(containsString("not inside the image (512 x 512 px)"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body(Map.of("id", id, "category", "face", "box", List.of(10, 10, 0, 40)))
                .post("/review/api/censor").then().statusCode(400).body(containsString("no area"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body(Map.of("id", id, "category", "tattoo", "box", List.of(10, 10, 20, 40)))
                .post("/review/api/censor").then().statusCode(400).body(containsString("unknown category"));
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("not json")
                .post("/review/api/release").then().statusCode(400);
        assertTrue(review.held(id).isPresent(), "a refused request changes nothing");

        String released = given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body(Map.of("id", id, "category", "face", "box", List.of(176, 88, 184, 236)))
                .post("/review/api/censor").then().statusCode(200).body(containsString("\"by\":\"alice\""))
                .extract().asString();
        assertEquals(JsonShape.of("status", "id", "output", "by"), JsonShape.paths(JSON.readTree(released)));
        ObjectRef out = ReviewArea.outputOf(id).orElseThrow();
        assertNotNull(store.get(out).bytes());
        String already = given().header("Authorization", "Bearer " + HoldReviewProfile.BOB_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("id", id)).post("/review/api/release").then().statusCode(409)
                .body(containsString("already released by alice")).extract().asString();
        assertEquals(JsonShape.of("status", "id", "by", "at", "message"), JsonShape.paths(JSON.readTree(already)));
        JsonNode audit = JSON.readTree(store.get(ObjectRef.of(out.bucket(), out.key() + ".audit.json")).bytes());
        assertEquals(JsonShape.of("review", "review.state", "review.actions", "review.actions[].action",
                "review.actions[].by", "review.actions[].at", "review.actions[].category", "review.actions[].box"),
                JsonShape.paths(audit).stream().filter(p -> p.startsWith("review"))
                        .collect(java.util.stream.Collectors.toSet()));
    }
}
