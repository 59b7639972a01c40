package dev.anonymizer.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.SyntheticImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Publish-mode backfill against a real HTTP receiver: one binary-mode CloudEvent per object with the right headers
 * and data, 5xx answers retried with the same event id, a 4xx not retried, and never more requests in flight than
 * the configured concurrency.
 */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class PublishBackfillTest {

    static final int IMAGES = 300;
    static final int CONCURRENCY = 4;
    static final String POISON = "photos/zz-poison.png";

    @Inject
    BackfillService backfill;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    /** One request as the receiver saw it. */
    record Received(Map<String, String> headers, Map<String, String> data, int answered) {
    }

    @Test
    void oneBinaryCloudEventPerObject() throws Exception {
        String bucket = BackfillTest.freshName("bf-publish");
        createBuckets(bucket, bucket + "-anonymized");
        for (int i = 0; i < IMAGES; i++) {
            store.put(ObjectRef.of(bucket, String.format("photos/img-%03d.png", i)), SyntheticImages.blocksPng(i, 64, 48), "image/png",
                    Map.of());
        }
        store.put(ObjectRef.of(bucket, POISON), SyntheticImages.blocksPng(9999, 64, 48), "image/png", Map.of());
        store.put(ObjectRef.of(bucket, "photos/x.png.audit.json"), "{}".getBytes(), "application/json", Map.of());

        List<Received> received = new ArrayList<>();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            boolean counted = true;
            try {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                Map<String, String> data;
                try (InputStream in = exchange.getRequestBody()) {
                    data = json.readValue(in.readAllBytes(), new TypeReference<Map<String, String>>() {
                    });
                }
                // slow enough that concurrent requests overlap, so the bound is actually exercised
                Thread.sleep(3);
                String key = data.get("key");
                int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                int code = POISON.equals(key) ? 400
                        : key.hashCode() % 7 == 0 && attempt == 1 ? 503 : 202;
                synchronized (received) {
                    received.add(new Received(headers, data, code));
                }
                // leave the count before answering: once the answer is out, the client may send its next request
                // before this thread gets back here, which would count one request too many
                counted = false;
                inFlight.decrementAndGet();
                respond(exchange, code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 500);
            } finally {
                if (counted) {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start();
        BackfillReport report;
        try {
            String sink = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            report = backfill.run(backfill.request(bucket, "photos/", Optional.empty(), Optional.of(sink),
                    OptionalInt.of(CONCURRENCY), OptionalLong.empty()), BackfillService.Progress.NONE);
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        System.out.println(report.summary() + "; receiver saw " + received.size() + " requests, at most "
                + maxInFlight.get() + " at once");

        assertEquals(BackfillMode.PUBLISH, report.request().mode());
        assertEquals(IMAGES + 1, report.found(), "images and the poison object; not the audit record");
        assertEquals(IMAGES, report.count(ObjectResult.Status.PUBLISHED));
        assertEquals(1, report.count(ObjectResult.Status.FAILED));
        assertEquals(1L, report.count(ObjectResult.Status.FAILED, new ObjectResult.HttpStatus(400)));
        assertTrue(report.summary().contains("reasons: failed:http-400=1"), report.summary());

        Map<String, Received> accepted = new TreeMap<>();
        Map<String, String> idByKey = new TreeMap<>();
        int retried = 0;
        for (Received r : received) {
            Map<String, String> h = r.headers();
            String key = r.data().get("key");
            assertEquals("1.0", h.get("ce-specversion"));
            assertEquals("dev.anonymizer.image.stored", h.get("ce-type"));
            assertEquals("/image-anonymizer/backfill", h.get("ce-source"));
            assertEquals(key, h.get("ce-subject"));
            assertTrue(h.get("ce-id").matches("backfill-[0-9a-f]{32}"), h.get("ce-id"));
            Instant.parse(h.get("ce-time"));
            assertTrue(h.get("content-type").startsWith("application/json"), h.get("content-type"));
            assertEquals(Set.of("bucket", "key", "etag"), r.data().keySet(), "data holds exactly bucket, key, etag");
            assertEquals(bucket, r.data().get("bucket"));
            assertEquals(store.head(ObjectRef.of(bucket, key)).orElseThrow().etag(), r.data().get("etag"), key);
            String earlierId = idByKey.putIfAbsent(key, h.get("ce-id"));
            if (earlierId != null) {
                assertEquals(earlierId, h.get("ce-id"), "a retry carries the same event id: " + key);
            }
            if (r.answered() == 202) {
                assertEquals(null, accepted.put(key, r), "accepted once only: " + key);
            }
            if (r.answered() == 503) {
                retried++;
            }
        }
        assertEquals(IMAGES, accepted.size(), "one accepted event per image");
        assertTrue(retried > 10, "some first attempts were answered 503: " + retried);
        assertEquals(IMAGES + 1 + retried, received.size(), "each 503 retried once, the 400 never");
        assertEquals(1, attempts.get(POISON).get(), "a 4xx is not retried");
        assertEquals(IMAGES + 1, new HashSet<>(idByKey.values()).size(), "distinct ids for distinct objects");
        assertTrue(maxInFlight.get() <= CONCURRENCY, "at most " + CONCURRENCY + " in flight: " + maxInFlight.get());
        assertTrue(maxInFlight.get() > 1, "requests overlapped: " + maxInFlight.get());
        // publishing does no processing itself
        assertTrue(store.head(ObjectRef.of(bucket + "-anonymized", "photos/img-000.png")).isEmpty(), "nothing processed");
    }

    /** As {@link BackfillTest#createBuckets}: nothing for the local store. */
    protected void createBuckets(String... buckets) {
    }

    private static void respond(HttpExchange exchange, int code) throws IOException {
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }
}
