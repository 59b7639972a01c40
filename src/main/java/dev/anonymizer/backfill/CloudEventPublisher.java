package dev.anonymizer.backfill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.storage.ObjectRef;

/**
 * POSTs {@code dev.anonymizer.image.stored} CloudEvents in binary mode (attributes as {@code ce-*} headers, the data
 * {@code {bucket,key,etag}} as a JSON body), as a Knative broker ingress accepts them. A 5xx, a 429 or a connection
 * error is retried with exponential back-off; another 4xx is final (the event itself is wrong).
 */
final class CloudEventPublisher {

    /** The type published: the function's own trigger type. */
    static final String TYPE = ImageStoredEvent.TYPE;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI sink;
    private final String source;
    private final ObjectMapper json;
    private final int retries;
    private final Duration backoff;
    private final Duration timeout;

    CloudEventPublisher(URI sink, String source, ObjectMapper json, int retries, Duration backoff, Duration timeout) {
        if (!"http".equals(sink.getScheme()) && !"https".equals(sink.getScheme())) {
            throw new IllegalArgumentException("sink: expected an http(s) URL, got '" + sink + "'");
        }
        this.sink = sink;
        this.source = source;
        this.json = json;
        this.retries = retries;
        this.backoff = backoff;
        this.timeout = timeout;
        // HTTP/1.1: a broker ingress speaks it, and the JDK's h2c upgrade attempt on http:// only adds a round trip
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Publishes the event for one object version; the result is {@code published} or {@code failed}. */
    ObjectResult publish(ObjectRef ref) throws InterruptedException {
        HttpRequest request = request(ref);
        ObjectResult.Reason lastError = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleepBackoff(attempt);
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    return new ObjectResult(ObjectResult.Status.PUBLISHED, null);
                }
                lastError = new ObjectResult.HttpStatus(code);
                if (code < 500 && code != 429) {
                    break;
                }
            } catch (IOException e) {
                lastError = new ObjectResult.Fault(e.getClass().getSimpleName());
            }
        }
        return new ObjectResult(ObjectResult.Status.FAILED, lastError);
    }

    HttpRequest request(ObjectRef ref) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("bucket", ref.bucket());
        data.put("key", ref.key());
        if (ref.etag() != null) {
            data.put("etag", ref.etag());
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(sink)
                .timeout(timeout)
                .header("ce-specversion", "1.0")
                .header("ce-id", id(ref))
                .header("ce-source", source)
                .header("ce-type", TYPE)
                .header("ce-subject", ref.key())
                .header("ce-time", Instant.now().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /**
     * The same object version always gets the same id, so a retry whose first attempt did arrive, or a second
     * backfill, is a duplicate a consumer can recognise by (source, id), not a new event.
     */
    static String id(ObjectRef ref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (ref.bucket() + "\n" + ref.key() + "\n" + (ref.etag() == null ? "" : ref.etag()))
                            .getBytes(StandardCharsets.UTF_8));
            return "backfill-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sleepBackoff(int attempt) throws InterruptedException {
        long base = backoff.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // full jitter around the half: many workers retrying a recovering broker do not all come back at once
        long wait = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Thread.sleep(wait);
    }
}
