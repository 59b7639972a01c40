package dev.anonymizer.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.evaluation.LabelledImage;
import dev.anonymizer.evaluation.LabelledSets;
import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.pipeline.OutputLocations;
import dev.anonymizer.pipeline.ReviewArea;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.config.StorageConfig;
import dev.anonymizer.storage.ObjectHead;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.StorageUnavailableException;
import dev.anonymizer.storage.StoredObject;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.HoldReviewProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Hold mode and the review service on the local store, with real photos through the real pipeline: a doubted photo
 * waits in the review area (never in the output) until released; a release writes output and audit record and
 * empties the area; two releases at once release once; a reviewer's box is censored in the held copy; a bad box and
 * a failure half-way change nothing and lose nothing; released boxes export as labels {@code evaluate} reads.
 * {@link S3ReviewTest} runs the same against a real S3 server.
 */
@QuarkusTest
@TestProfile(HoldReviewProfile.class)
class ReviewServiceTest {

    /** Grace Hopper's face, which the fast profile (no face detector) leaves for the reviewer. */
    static final Box FACE = Box.ofSize(176, 88, 184, 236);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AnonymizationPipeline pipeline;
    @Inject
    ReviewService review;
    @Inject
    ObjectStore store;
    @Inject
    StorageConfig storage;
    @Inject
    ReviewArea area;
    @Inject
    OutputLocations locations;
    @Inject
    Anonymizer core;
    @Inject
    AuditConfig auditConfig;
    @Inject
    ReviewConfig reviewConfig;

    /** A fresh input bucket holding the portrait; returns the held photo's id after the pipeline held it. */
    String holdPortrait() {
        String bucket = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        createBuckets(bucket, bucket + "-anonymized");
        ObjectRef input = ObjectRef.of(bucket, "people/portrait.jpg");
        store.put(input, TestImages.bytes("grace_hopper_512x512.jpg"), "image/jpeg", Map.of());
        Outcome outcome = pipeline.process(input);
        Outcome.Anonymized a = assertInstanceOf(Outcome.Anonymized.class, outcome);
        assertEquals(HoldReviewProfile.REVIEW_BUCKET, a.output().bucket(), "held, not written to the output");
        return bucket + "-anonymized/people/portrait.jpg";
    }

    /** The local store makes buckets on first write; the S3 test creates them. */
    protected void createBuckets(String... buckets) {
    }

    /** Makes writing the output fail for real: here a folder stands where the output file must go. */
    protected void breakOutput(ObjectRef out) throws Exception {
        Files.createDirectories(storage.local().root().resolve(out.bucket()).resolve(out.key()));
    }

    protected void repairOutput(ObjectRef out) throws Exception {
        Files.delete(storage.local().root().resolve(out.bucket()).resolve(out.key()));
    }

    ObjectRef output(String id) {
        return ReviewArea.outputOf(id).orElseThrow();
    }

    ObjectRef audit(String id) {
        ObjectRef out = output(id);
        return ObjectRef.of(out.bucket(), out.key() + ".audit.json");
    }

    JsonNode json(ObjectRef ref) throws Exception {
        return JSON.readTree(store.get(ref).bytes());
    }

    @Test
    void aHeldPhotoWaitsInTheReviewAreaUntilReleased() throws Exception {
        String id = holdPortrait();
        ObjectRef out = output(id);
        assertTrue(store.head(out).isEmpty(), "nothing in the output while held");
        assertTrue(store.head(audit(id)).isEmpty(), "no audit record in the output while held");
        HeldPhoto held = review.held(id).orElseThrow();
        assertTrue(held.input().endsWith("/people/portrait.jpg"), held.toString());
        HeldPhoto.Doubt doubt = held.doubts().stream().filter(d -> d.kind().equals("face-below-threshold")).findFirst()
                .orElseThrow(() -> new AssertionError("the face under the threshold is the doubt: " + held));
        Box doubted = new Box(doubt.box().get(0), doubt.box().get(1), doubt.box().get(2), doubt.box().get(3));
        assertTrue(doubted.coveredBy(FACE) > 0.8, "the doubt is the face: " + doubted);
        assertTrue(doubt.score() < HoldReviewProfile.FACE_MIN_SCORE, held.toString());
        assertTrue(review.held().stream().anyMatch(p -> p.id().equals(id)), "listed");
        byte[] heldCopy = review.heldImage(id).orElseThrow().bytes();
        assertFalse(java.util.Arrays.equals(TestImages.bytes("grace_hopper_512x512.jpg"), heldCopy),
                "the held copy is the censored copy, not the original");
        int slash = held.input().indexOf('/');
        Outcome redelivered = pipeline.process(ObjectRef.of(held.input().substring(0, slash), held.input().substring(slash + 1)));
        Outcome.Skipped skipped = assertInstanceOf(Outcome.Skipped.class, redelivered, "a held version is not made again");
        assertEquals(Outcome.SkipReason.ALREADY_HELD, skipped.reason());
        assertArrayEquals(heldCopy, review.heldImage(id).orElseThrow().bytes());

        ReviewResult r = review.release(id, "alice");
        ReviewResult.Released released = assertInstanceOf(ReviewResult.Released.class, r);
        assertEquals(out, released.output());
        assertArrayEquals(heldCopy, store.get(out).bytes(), "released as it was held");
        JsonNode audit = json(audit(id));
        assertEquals("released", audit.at("/review/state").asText());
        assertEquals(1, audit.at("/review/actions").size());
        assertEquals("released", audit.at("/review/actions/0/action").asText());
        assertEquals("alice", audit.at("/review/actions/0/by").asText());
        assertEquals(out.key(), audit.at("/output/key").asText());
        assertTrue(review.held(id).isEmpty() && review.heldImage(id).isEmpty(), "no longer held");
        assertTrue(review.held().stream().noneMatch(p -> p.id().equals(id)), "no longer listed");

        ReviewResult again = review.release(id, "bob");
        ReviewResult.AlreadyReleased already = assertInstanceOf(ReviewResult.AlreadyReleased.class, again);
        assertEquals("alice", already.by());
        assertArrayEquals(heldCopy, store.get(out).bytes(), "a second release changes nothing");
    }

    @Test
    void aPhotoWithoutDoubtsGoesStraightToTheOutput() {
        String bucket = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        createBuckets(bucket, bucket + "-anonymized");
        ObjectRef input = ObjectRef.of(bucket, "blocks.png");
        store.put(input, dev.anonymizer.support.SyntheticImages.blocksPng(3, 64, 48), "image/png", Map.of());
        Outcome.Anonymized a = assertInstanceOf(Outcome.Anonymized.class, pipeline.process(input));
        assertEquals(ObjectRef.of(bucket + "-anonymized", "blocks.png"), a.output());
        assertTrue(a.image().doubts().isEmpty(), a.image().doubts().toString());
        assertTrue(store.head(a.output()).isPresent());
        assertTrue(review.held(bucket + "-anonymized/blocks.png").isEmpty());
    }

    @Test
    void twoReviewersReleasingAtOnceReleaseOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String id = holdPortrait();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ReviewResult>> results = new ArrayList<>();
                // alice releases as it is while bob censors a box: exactly one of them may win, never a mix
                results.add(pool.submit(() -> {
                    go.await();
                    return review.release(id, "alice");
                }));
                results.add(pool.submit(() -> {
                    go.await();
                    return review.censorAndRelease(id, "bob", Category.FACE, FACE);
                }));
                go.countDown();
                ReviewResult a = results.get(0).get();
                ReviewResult b = results.get(1).get();
                long releasedCount = List.of(a, b).stream().filter(x -> x instanceof ReviewResult.Released).count();
                assertEquals(1, releasedCount, "one release wins: " + a + " / " + b);
                ReviewResult.Released winner = (ReviewResult.Released) (a instanceof ReviewResult.Released ? a : b);
                ReviewResult loser = a instanceof ReviewResult.Released ? b : a;
                ReviewResult.AlreadyReleased told = assertInstanceOf(ReviewResult.AlreadyReleased.class, loser);
                assertEquals(winner.by(), told.by(), "the loser is told who released it");
                JsonNode actions = json(audit(id)).at("/review/actions");
                long releases = 0;
                for (JsonNode action : actions) {
                    assertEquals(winner.by(), action.path("by").asText(), "only the winner's actions: " + actions);
                    releases += action.path("action").asText().equals("released") ? 1 : 0;
                }
                assertEquals(1, releases, actions.toString());
                assertTrue(store.head(ObjectRef.of(HoldReviewProfile.REVIEW_BUCKET, "claims/" + id)).isEmpty(),
                        "no claim left behind");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a release's claim rests on: of many writers racing for one name, exactly one writes it. */
    @Test
    void ofWritersRacingForOneNameExactlyOneWrites() throws Exception {
        String bucket = "claims-" + UUID.randomUUID().toString().substring(0, 8);
        createBuckets(bucket);
        ObjectRef claim = ObjectRef.of(bucket, "claims/x.jpg");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> wrote = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] body = ("writer " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                wrote.add(pool.submit(() -> {
                    go.await();
                    return store.putIfAbsent(claim, body, "text/plain", Map.of());
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : wrote) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
            assertTrue(new String(store.get(claim).bytes(), java.nio.charset.StandardCharsets.UTF_8).startsWith("writer "));
            store.delete(claim);
            assertTrue(store.head(claim).isEmpty());
            assertTrue(store.putIfAbsent(claim, new byte[] {1}, "text/plain", Map.of()), "free again once deleted");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReviewersBoxIsCensoredInTheHeldCopyThenReleased() throws Exception {
        String id = holdPortrait();
        byte[] heldCopy = review.heldImage(id).orElseThrow().bytes();
        ReviewResult r = review.censorAndRelease(id, "bob", Category.FACE, FACE);
        assertInstanceOf(ReviewResult.Released.class, r);
        byte[] released = store.get(output(id)).bytes();
        try (Mat before = TestImages.decode(heldCopy); Mat after = TestImages.decode(released)) {
            Box inner = Box.ofSize(216, 140, 80, 100);
            double lapBefore = ImageStats.laplacianVariance(before, inner);
            double lapAfter = ImageStats.laplacianVariance(after, inner);
            assertTrue(lapAfter < lapBefore * 0.05, "the face is censored: " + lapBefore + " -> " + lapAfter);
            // the JPEG block path rewrites only the blocks under the (padded) box: a far corner is untouched
            assertEquals(0, ImageStats.differingValues(before, after, Box.ofSize(440, 440, 70, 70)));
        }
        JsonNode audit = json(audit(id));
        JsonNode actions = audit.at("/review/actions");
        assertEquals(2, actions.size(), actions.toString());
        assertEquals("censored", actions.get(0).path("action").asText());
        assertEquals("face", actions.get(0).path("category").asText());
        assertEquals("[176,88,360,324]", actions.get(0).path("box").toString());
        assertEquals("bob", actions.get(0).path("by").asText());
        assertEquals("released", actions.get(1).path("action").asText());
        assertEquals(sha256(released), audit.at("/output/sha256").asText(), "the audit names the released bytes");
    }

    @Test
    void aBoxOutsideTheImageOrOfZeroSizeIsRefusedAndChangesNothing() {
        String id = holdPortrait();
        byte[] heldCopy = review.heldImage(id).orElseThrow().bytes();
        ReviewResult outside = review.censorAndRelease(id, "bob", Category.FACE, Box.ofSize(400, 400, 200, 50));
        ReviewResult.Refused refused = assertInstanceOf(ReviewResult.Refused.class, outside);
        assertTrue(refused.message().contains("not inside the image (512 x 512 px)"), refused.message());
        ReviewResult empty = review.censorAndRelease(id, "bob", Category.FACE, Box.ofSize(10, 10, 0, 20));
        assertTrue(assertInstanceOf(ReviewResult.Refused.class, empty).message().contains("no area"));
        assertArrayEquals(heldCopy, review.heldImage(id).orElseThrow().bytes(), "still held as it was");
        assertTrue(store.head(output(id)).isEmpty(), "nothing released");
        assertInstanceOf(ReviewResult.Released.class, review.release(id, "alice"), "and it can still be released");
    }

    @Test
    void anIdOutsideTheReviewAreaIsNotHeld() {
        String id = holdPortrait();
        String input = review.held(id).orElseThrow().input();
        for (String other : List.of(input, id + ".audit.json", "no-such-bucket/x.jpg", "../etc/passwd", "noslash", "")) {
            assertInstanceOf(ReviewResult.NotHeld.class, review.release(other, "alice"), other);
            assertTrue(review.heldImage(other).isEmpty(), other);
        }
    }

    @Test
    void aFailureHalfWayLeavesThePhotoHeldAndALaterReleaseFinishes() throws Exception {
        String id = holdPortrait();
        byte[] heldCopy = review.heldImage(id).orElseThrow().bytes();
        breakOutput(output(id));
        try {
            assertThrows(StorageUnavailableException.class, () -> review.release(id, "alice"));
        } finally {
            repairOutput(output(id));
        }
        assertArrayEquals(heldCopy, review.heldImage(id).orElseThrow().bytes(), "still held");
        assertInstanceOf(ReviewResult.Released.class, review.release(id, "alice"), "the claim did not stay behind");
        assertArrayEquals(heldCopy, store.get(output(id)).bytes());
    }

    @Test
    void aClaimLeftByAKilledReleaseHoldsThePhotoUntilItIsStale() throws Exception {
        String id = holdPortrait();
        ObjectRef claim = ObjectRef.of(HoldReviewProfile.REVIEW_BUCKET, "claims/" + id);
        // a release under way (or just killed): its claim is fresh, so nobody else releases the photo
        store.put(claim, JSON.writeValueAsBytes(Map.of("by", "zed", "at", java.time.Instant.now().toString(),
                "token", "t1")), "application/json", Map.of());
        ReviewResult.AlreadyReleased busy = assertInstanceOf(ReviewResult.AlreadyReleased.class,
                review.release(id, "alice"));
        assertEquals("zed", busy.by());
        assertTrue(review.held(id).isPresent(), "still held");
        // the same claim an hour old (anonymizer.review.claim-timeout is 10 minutes): taken over, the photo released
        store.put(claim, JSON.writeValueAsBytes(Map.of("by", "zed", "at",
                java.time.Instant.now().minusSeconds(3600).toString(), "token", "t1")), "application/json", Map.of());
        assertInstanceOf(ReviewResult.Released.class, review.release(id, "alice"));
        assertTrue(store.head(claim).isEmpty(), "no claim left behind");
        assertEquals("alice", json(audit(id)).at("/review/actions/0/by").asText());
    }

    @Test
    void aTakeOverWhoseMarkerAnswerWasLostStillReleases() throws Exception {
        String id = holdPortrait();
        ObjectRef claim = ObjectRef.of(HoldReviewProfile.REVIEW_BUCKET, "claims/" + id);
        store.put(claim, JSON.writeValueAsBytes(Map.of("by", "zed", "at",
                java.time.Instant.now().minusSeconds(3600).toString(), "token", "t9")), "application/json", Map.of());
        // the take-over marker's conditional write lands, but its answer is lost and the retry is refused by it
        ObjectStore losing = new LosingFirstAnswer(store, ".taken-over-");
        ReviewService overLosingStore = new ReviewService(losing, area, locations, core, JSON, auditConfig,
                reviewConfig);
        assertInstanceOf(ReviewResult.Released.class, overLosingStore.release(id, "alice"));
        assertTrue(store.head(claim).isEmpty(), "no claim left behind");
        assertTrue(store.head(ObjectRef.of(claim.bucket(), claim.key() + ".taken-over-t9")).isEmpty(),
                "no marker left behind to block the next take-over");
    }

    @Test
    void aTakeOverMarkerLeftByAKilledTakerBlocksOnlyUntilItIsStale() throws Exception {
        String id = holdPortrait();
        ObjectRef claim = ObjectRef.of(HoldReviewProfile.REVIEW_BUCKET, "claims/" + id);
        ObjectRef marker = ObjectRef.of(claim.bucket(), claim.key() + ".taken-over-t5");
        store.put(claim, JSON.writeValueAsBytes(Map.of("by", "zed", "at",
                java.time.Instant.now().minusSeconds(7200).toString(), "token", "t5")), "application/json", Map.of());
        // another reviewer's take-over under way: it wrote the marker, the claim is not replaced yet
        store.put(marker, JSON.writeValueAsBytes(Map.of("by", "yan", "at", java.time.Instant.now().toString(),
                "token", "t6")), "application/json", Map.of());
        assertInstanceOf(ReviewResult.AlreadyReleased.class, review.release(id, "alice"));
        assertTrue(review.held(id).isPresent(), "a fresh take-over is not taken over");
        // the same marker an hour old: its taker was killed before it replaced the claim
        store.put(marker, JSON.writeValueAsBytes(Map.of("by", "yan", "at",
                java.time.Instant.now().minusSeconds(3600).toString(), "token", "t6")), "application/json", Map.of());
        assertInstanceOf(ReviewResult.Released.class, review.release(id, "alice"));
        assertTrue(store.head(claim).isEmpty(), "no claim left behind");
        assertTrue(store.head(marker).isEmpty(), "no marker left behind");
        assertTrue(store.head(ObjectRef.of(claim.bucket(), marker.key() + ".taken-over-t6")).isEmpty(),
                "no marker of the marker left behind");
        assertEquals("alice", json(audit(id)).at("/review/actions/0/by").asText());
    }

    /** A store whose first conditional write to a key containing {@code part} lands but answers "already there". */
    static final class LosingFirstAnswer implements ObjectStore {
        private final ObjectStore store;
        private final String part;
        private boolean lost;

        LosingFirstAnswer(ObjectStore store, String part) {
            this.store = store;
            this.part = part;
        }

        @Override
        public boolean putIfAbsent(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
            boolean written = store.putIfAbsent(ref, bytes, contentType, metadata);
            if (written && !lost && ref.key().contains(part)) {
                lost = true;
                return false;
            }
            return written;
        }

        @Override
        public StoredObject get(ObjectRef ref, long maxBytes) {
            return store.get(ref, maxBytes);
        }

        @Override
        public Optional<ObjectHead> head(ObjectRef ref) {
            return store.head(ref);
        }

        @Override
        public void put(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
            store.put(ref, bytes, contentType, metadata);
        }

        @Override
        public void delete(ObjectRef ref) {
            store.delete(ref);
        }

        @Override
        public void list(String bucket, String prefix, Consumer<ObjectName> each) {
            store.list(bucket, prefix, each);
        }

        @Override
        public void checkReachable() {
            store.checkReachable();
        }

        @Override
        public String describe() {
            return "losing the first answer of " + store.describe();
        }
    }

    @Test
    void releasedBoxesExportAsLabelsThatEvaluateReads() throws Exception {
        String id = holdPortrait();
        assertInstanceOf(ReviewResult.Released.class, review.censorAndRelease(id, "bob", Category.FACE, FACE));
        Path dir = Files.createTempDirectory("labels");
        LabelExport export = review.exportLabels(dir);
        assertTrue(export.photos() >= 1 && export.boxes() >= 1, export.summary());
        String file = id.replace('/', '_');
        LabelledImage photo = LabelledSets.load(dir, JSON).stream()
                .filter(p -> p.file().getFileName().toString().equals(file)).findFirst().orElseThrow();
        assertArrayEquals(TestImages.bytes("grace_hopper_512x512.jpg"), Files.readAllBytes(photo.file()),
                "the original, for evaluate to run the detectors on");
        assertTrue(photo.boxes().stream().anyMatch(b -> b.label().equals("face") && b.box().equals(FACE)),
                photo.boxes().toString());
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
