package dev.anonymizer.support;

import java.util.UUID;

import dev.anonymizer.function.EventTypes;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Posts real CloudEvents (binary mode) to the running test application. */
public final class Events {

    private Events() {
    }

    /** Our own "image stored" event for {@code bucket}/{@code key}, answered by the function. */
    public static Response imageStored(String bucket, String key) {
        return RestAssured.given()
                .header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.IMAGE_STORED).header("ce-source", "/test")
                .contentType("application/json")
                .body("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}")
                .post("/");
    }
}
