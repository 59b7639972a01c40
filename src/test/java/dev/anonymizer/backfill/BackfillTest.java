package dev.anonymizer.backfill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.pipeline.OutputMarks;
import dev.anonymizer.storage.ObjectHead;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.SyntheticImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Process-mode backfill against the configured store (the local one here) with 300 small distinct PNGs: each image
 * anonymized exactly once, a rerun changes nothing, and a run cut short (by the max-objects limit or by an
 * interrupt) is completed by the next.
 */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class BackfillTest {

    static final int IMAGES = 300;
    static final String AUDIT = ".audit.json";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BackfillService backfill;

    @Inject
    BackfillLister lister;

    @Inject
    ObjectStore store;

    /** A fresh bucket and its output bucket per test (target/test-data outlives test runs), created by the store. */
    String bucket(String name) {
        String bucket = freshName(name);
        createBuckets(bucket, bucket + "-anonymized");
        return bucket;
    }

    static String freshName(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The local store creates a bucket on first write; a subclass running these tests against S3 creates them here
     * (an S3 store does not create buckets).
     */
    protected void createBuckets(String... buckets) {
    }

    /** 300 images under photos/, plus objects a backfill must leave alone or reject. */
    void seed(String bucket) {
        for (int i = 0; i < IMAGES; i++) {
            store.put(ObjectRef.of(bucket, String.format("photos/img-%03d.png", i)), SyntheticImages.blocksPng(i, 64, 48),
                    "image/png", Map.of());
        }
        byte[] extra = SyntheticImages.blocksPng(10_000, 64, 48);
        // valid images that must not be processed: outside the prefix, hidden (an upload in progress, a cache
        // directory: S3 lists them, the local store does not), and an audit-named object
        store.put(ObjectRef.of(bucket, "other/img.png"), extra, "image/png", Map.of());
        store.put(ObjectRef.of(bucket, "photos/.partial-upload.png"), extra, "image/png", Map.of());
        store.put(ObjectRef.of(bucket, "photos/.cache/img.png"), extra, "image/png", Map.of());
        store.put(ObjectRef.of(bucket, "photos/img-000.png" + AUDIT), "{}".getBytes(StandardCharsets.UTF_8), "application/json",
                Map.of());
        // inside the prefix and not an image: rejected, never failed
        store.put(ObjectRef.of(bucket, "photos/notes.txt"), "hello".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
    }

    BackfillRequest request(String bucket, long maxObjects) {
        return backfill.request(bucket, "photos/", Optional.of(BackfillMode.PROCESS), Optional.empty(),
                OptionalInt.of(2), OptionalLong.of(maxObjects));
    }

    static ObjectName listed(String bucket, String key) {
        return new ObjectName(bucket, key, null);
    }

    List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        store.list(bucket, prefix, n -> keys.add(n.key()));
        return keys;
    }

    /** Every output image carries the ETag of its source; returns the number of output images. */
    int checkOutputs(String bucket) {
        String out = bucket + "-anonymized";
        List<String> outputs = keys(out, "");
        List<String> images = outputs.stream().filter(k -> !k.endsWith(AUDIT)).toList();
        List<String> audits = outputs.stream().filter(k -> k.endsWith(AUDIT)).toList();
        assertEquals(images.size(), audits.size(), "one audit record per output image");
        for (String key : images) {
            assertTrue(key.startsWith("photos/img-") && key.endsWith(".png"), "only backfilled images: " + key);
            assertTrue(audits.contains(key + AUDIT), "audit record of " + key);
            ObjectHead output = store.head(ObjectRef.of(out, key)).orElseThrow();
            ObjectHead source = store.head(ObjectRef.of(bucket, key)).orElseThrow();
            assertEquals(source.etag(), output.metadata().get(OutputMarks.SOURCE_ETAG), "source etag of " + key);
            assertEquals("true", output.metadata().get(OutputMarks.MARKER));
        }
        return images.size();
    }

    @Test
    void everyImageOnceThenRerunDoesNothing() {
        String bucket = bucket("bf-once");
        seed(bucket);
        List<Long> started = new ArrayList<>();
        List<ObjectResult> told = java.util.Collections.synchronizedList(new ArrayList<>());
        BackfillReport first = backfill.run(request(bucket, 0), new BackfillService.Progress() {
            @Override
            public void started(long total) {
                started.add(total);
            }

            @Override
            public void handled(ObjectResult result) {
                told.add(result);
            }
        });
        System.out.println(first.summary());

        assertEquals(IMAGES + 1, first.found(), "300 images and notes.txt; not other/, hidden or audit-named objects");
        assertEquals(IMAGES, first.count(ObjectResult.Status.ANONYMIZED));
        assertEquals(1, first.count(ObjectResult.Status.REJECTED));
        assertEquals(1L, first.count(ObjectResult.Status.REJECTED,
                new ObjectResult.Rejected(RejectionReason.NOT_AN_IMAGE)));
        assertTrue(first.summary().contains("rejected:not-an-image=1"), first.summary());
        assertEquals(0, first.count(ObjectResult.Status.SKIPPED));
        assertEquals(0, first.count(ObjectResult.Status.FAILED));
        assertFalse(first.stoppedEarly());
        // 300 anonymized outcomes and 300 distinct outputs: none was done twice, none left out
        assertEquals(IMAGES, checkOutputs(bucket));
        // the progress (a command's progress bar) is told the total once, then every result
        assertEquals(List.of((long) IMAGES + 1), started);
        assertEquals(IMAGES + 1, told.size());
        assertEquals(IMAGES, told.stream().filter(r -> r.status() == ObjectResult.Status.ANONYMIZED).count());
        assertTrue(first.summary().contains("300 anonymized, 0 skipped, 1 rejected, 0 failed"), first.summary());

        Map<String, byte[]> audits = new HashMap<>();
        for (String k : keys(bucket + "-anonymized", "")) {
            if (k.endsWith(AUDIT)) {
                audits.put(k, store.get(ObjectRef.of(bucket + "-anonymized", k)).bytes());
            }
        }

        BackfillReport rerun = backfill.run(request(bucket, 0), BackfillService.Progress.NONE);
        System.out.println(rerun.summary());
        assertEquals(0, rerun.count(ObjectResult.Status.ANONYMIZED), "a rerun anonymizes nothing");
        assertEquals(IMAGES, rerun.count(ObjectResult.Status.SKIPPED));
        assertEquals(IMAGES, rerun.count(ObjectResult.Status.SKIPPED,
                new ObjectResult.Skipped(Outcome.SkipReason.ALREADY_ANONYMIZED)));
        assertEquals(0, rerun.count(ObjectResult.Status.FAILED));
        // nothing was rewritten: each audit record (which holds its processing time) is byte for byte the same
        for (Map.Entry<String, byte[]> e : audits.entrySet()) {
            assertArrayEquals(e.getValue(), store.get(ObjectRef.of(bucket + "-anonymized", e.getKey())).bytes(),
                    e.getKey());
        }
    }

    @Test
    void runStoppedByMaxObjectsResumes() {
        String bucket = bucket("bf-resume");
        seed(bucket);

        BackfillReport part = backfill.run(request(bucket, 70), BackfillService.Progress.NONE);
        System.out.println(part.summary());
        assertEquals(70, part.handled());
        assertEquals(70, part.count(ObjectResult.Status.ANONYMIZED));
        assertTrue(part.stoppedEarly());
        assertTrue(part.summary().contains("run again to resume"), part.summary());
        assertEquals(70, checkOutputs(bucket));

        BackfillReport rest = backfill.run(request(bucket, 0), BackfillService.Progress.NONE);
        System.out.println(rest.summary());
        assertEquals(IMAGES + 1, rest.handled());
        assertEquals(70, rest.count(ObjectResult.Status.SKIPPED), "the first 70 are not done again");
        assertEquals(IMAGES - 70, rest.count(ObjectResult.Status.ANONYMIZED));
        assertFalse(rest.stoppedEarly());
        assertEquals(IMAGES, checkOutputs(bucket));
    }

    @Test
    void interruptedRunResumes() throws Exception {
        String bucket = bucket("bf-interrupt");
        seed(bucket);
        AtomicReference<BackfillReport> report = new AtomicReference<>();
        Thread run = new Thread(() -> report.set(backfill.run(request(bucket, 0), BackfillService.Progress.NONE)));
        run.start();
        // interrupt once a few dozen outputs exist, as a Ctrl-C or a pod shutdown would
        long deadline = System.currentTimeMillis() + 60_000;
        while (keys(bucket + "-anonymized", "").size() < 40 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        run.interrupt();
        run.join(60_000);
        BackfillReport cut = report.get();
        System.out.println(cut.summary());
        assertTrue(cut.stoppedEarly(), "interrupted before the end: " + cut.summary());
        assertTrue(cut.handled() < IMAGES, cut.summary());
        assertEquals(0, cut.count(ObjectResult.Status.FAILED), "the image in hand is finished, not broken off");
        long doneBefore = cut.count(ObjectResult.Status.ANONYMIZED);
        // workers finish the image in hand: every counted image has its output, and no half-written one exists
        assertEquals(doneBefore, checkOutputs(bucket));

        BackfillReport rest = backfill.run(request(bucket, 0), BackfillService.Progress.NONE);
        System.out.println(rest.summary());
        assertEquals(doneBefore, rest.count(ObjectResult.Status.SKIPPED));
        assertEquals(IMAGES - doneBefore, rest.count(ObjectResult.Status.ANONYMIZED));
        assertEquals(IMAGES, checkOutputs(bucket));
    }

    @Test
    void outputAuditAndHiddenObjectsAreNotCandidates() {
        String bucket = bucket("bf-filter");
        assertTrue(lister.isCandidate(listed(bucket, "photos/a.jpg")));
        assertFalse(lister.isCandidate(listed(bucket, ".a.jpg")), "dot-file");
        assertFalse(lister.isCandidate(listed(bucket, "photos/.tmp/a.jpg")), "inside a dot-directory");
        assertFalse(lister.isCandidate(listed(bucket, "photos/a.jpg" + AUDIT)), "audit record");
        assertFalse(lister.isCandidate(listed(bucket + "-anonymized", "photos/a.jpg")), "output location");
        // a listed key no object reference can have is handed on, so the pipeline rejects it and it is counted
        assertTrue(lister.isCandidate(listed(bucket, "photos/a\u0007.jpg")), "invalid name");

        // and a backfill of the output bucket itself finds nothing to do
        seed(bucket);
        backfill.run(request(bucket, 5), BackfillService.Progress.NONE);
        BackfillReport own = backfill.run(backfill.request(bucket + "-anonymized", "", Optional.of(BackfillMode.PROCESS),
                Optional.empty(), OptionalInt.of(2), OptionalLong.empty()), BackfillService.Progress.NONE);
        assertEquals(0, own.found());
    }

    @Test
    void defaultsComeFromTheSettings() {
        BackfillRequest r = backfill.request("b", null, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty());
        assertEquals(BackfillMode.PROCESS, r.mode(), "no sink configured in tests: process mode");
        assertEquals(Runtime.getRuntime().availableProcessors(), r.parallelism());
        assertEquals("", r.prefix());
        assertEquals(0, r.maxObjects());
        BackfillRequest p = backfill.request("b", "x/", Optional.empty(), Optional.of("http://127.0.0.1:1/"),
                OptionalInt.empty(), OptionalLong.empty());
        assertEquals(BackfillMode.PUBLISH, p.mode(), "a sink selects publish mode");
        assertEquals(16, p.parallelism(), "publish concurrency default");
    }

    /**
     * {@code --stale}: a copy whose audit record names another policy fingerprint or other model checksums (as an
     * older release or other settings wrote it) is made again; a current one is left alone; an object never processed
     * is processed as in any backfill. A second stale run finds everything current.
     */
    @Test
    void staleCopiesAreMadeAgainCurrentOnesLeftAlone() throws Exception {
        String bucket = bucket("bf-stale");
        for (int i = 0; i < 3; i++) {
            store.put(ObjectRef.of(bucket, String.format("photos/img-%03d.png", i)), SyntheticImages.blocksPng(i, 64, 48),
                    "image/png", Map.of());
        }
        BackfillReport first = backfill.run(staleRequest(bucket), BackfillService.Progress.NONE);
        assertEquals(3, first.count(ObjectResult.Status.ANONYMIZED), first.summary());
        assertEquals(0, first.staleFound(), "nothing was done before: nothing stale");

        String running = audit(bucket, "photos/img-002.png").path("policy").path("fingerprint").asText();
        assertTrue(running.matches("[0-9a-f]{64}"), running);
        String runningModel = audit(bucket, "photos/img-002.png").path("models").get(0).path("sha256").asText();
        rewriteAudit(bucket, "photos/img-000.png", a -> ((ObjectNode) a.get("policy")).put("fingerprint", "0".repeat(64)));
        rewriteAudit(bucket, "photos/img-001.png", a -> ((ObjectNode) a.get("models").get(0)).put("sha256", "f".repeat(64)));
        store.put(ObjectRef.of(bucket, "photos/img-003.png"), SyntheticImages.blocksPng(3, 64, 48), "image/png", Map.of());

        BackfillReport stale = backfill.run(staleRequest(bucket), BackfillService.Progress.NONE);
        assertEquals(1, stale.current(), stale.summary());
        assertEquals(2, stale.staleFound(), stale.summary());
        assertEquals(2, stale.redone(), stale.summary());
        assertEquals(3, stale.count(ObjectResult.Status.ANONYMIZED), "two re-done and the new one: " + stale.summary());
        assertTrue(stale.summary().contains("stale check: 1 current, 2 stale, 2 re-done"), stale.summary());
        assertEquals(running, audit(bucket, "photos/img-000.png").path("policy").path("fingerprint").asText(),
                "the copy made again names the running policy");
        assertEquals(runningModel, audit(bucket, "photos/img-001.png").path("models").get(0).path("sha256").asText());
        assertEquals(4, checkOutputs(bucket));

        BackfillReport again = backfill.run(staleRequest(bucket), BackfillService.Progress.NONE);
        assertEquals(4, again.current(), again.summary());
        assertEquals(0, again.staleFound(), again.summary());
        assertEquals(0, again.count(ObjectResult.Status.ANONYMIZED), again.summary());
    }

    @Test
    void staleRunsProcessHereAndRefusePublishing() {
        BackfillRequest r = backfill.request("b", "", Optional.empty(), Optional.of("http://127.0.0.1:1/"),
                OptionalInt.empty(), OptionalLong.empty(), true);
        assertEquals(BackfillMode.PROCESS, r.mode(), "stale outputs are re-done here even when a sink is known");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> backfill.request("b", "", Optional.of(BackfillMode.PUBLISH), Optional.of("http://127.0.0.1:1/"),
                        OptionalInt.empty(), OptionalLong.empty(), true));
        assertTrue(e.getMessage().contains("process mode"), e.getMessage());
    }

    BackfillRequest staleRequest(String bucket) {
        return backfill.request(bucket, "photos/", Optional.of(BackfillMode.PROCESS), Optional.empty(),
                OptionalInt.of(2), OptionalLong.empty(), true);
    }

    JsonNode audit(String bucket, String key) throws Exception {
        return JSON.readTree(store.get(ObjectRef.of(bucket + "-anonymized", key + AUDIT)).bytes());
    }

    void rewriteAudit(String bucket, String key, java.util.function.Consumer<JsonNode> change) throws Exception {
        JsonNode record = audit(bucket, key);
        change.accept(record);
        store.put(ObjectRef.of(bucket + "-anonymized", key + AUDIT), JSON.writeValueAsBytes(record), "application/json",
                Map.of());
    }
}
