package dev.anonymizer.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;

/**
 * Events whose bucket or key tries to leave the store, or that the store refuses, are bad input: answered with
 * {@code rejected} / {@code invalid-event} and HTTP 200 (a retry cannot help), not with a 500 that Knative would
 * retry five times and dead-letter as if storage were down. Run against each store by a subclass.
 */
abstract class BadObjectNamesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A bucket and key, and what is wrong with them. */
    record Case(String what, String bucket, String key) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** Names every store refuses (checked before the store is asked). */
    static List<Case> common() {
        return List.of(
                new Case("path traversal", "photos", "../../etc/hostname"),
                new Case("traversal inside the key", "photos", "cars/../../../etc/hostname"),
                new Case("bucket ..", "..", "hostname"),
                new Case("bucket .", ".", "etc/hostname"),
                new Case("bucket with a slash", "photos/../etc", "hostname"),
                new Case("absolute key", "photos", "/etc/hostname"),
                new Case("backslash traversal", "photos", "..\\..\\etc\\hostname"),
                new Case("control character", "photos", "a\u0000b.jpg"));
    }

    /** Our own event, binary mode. */
    static Response postImageStored(Case c) {
        ObjectNode data = JSON.createObjectNode().put("bucket", c.bucket()).put("key", c.key());
        return given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-source", "/test").header("ce-type", EventTypes.IMAGE_STORED)
                .contentType("application/json").body(data.toString()).post("/");
    }

    static void assertRejectedAsInvalid(Response r, Case c) {
        r.then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_REJECTED)
                .body("status", equalTo("rejected"))
                .body("reason", equalTo("invalid-event"))
                // the reply repeats the names as the event gave them, though no object can have them
                .body("input.bucket", equalTo(c.bucket()))
                .body("input.key", equalTo(c.key()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("common")
    void everyStoreRefusesTheseNamesAsInvalidEvents(Case c) {
        assertRejectedAsInvalid(postImageStored(c), c);
    }

    /** A name only this store refuses: answered the same way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storeSpecific")
    void namesThisStoreRefusesAreInvalidEvents(Case c) {
        assertRejectedAsInvalid(postImageStored(c), c);
    }
}
