package dev.anonymizer.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.pipeline.AuditDocument;
import dev.anonymizer.pipeline.AuditDocument.ReviewAction;
import dev.anonymizer.pipeline.AuditDocument.ReviewActionKind;
import dev.anonymizer.pipeline.BoxOutsideImageException;
import dev.anonymizer.pipeline.FlaggedPhotos;
import dev.anonymizer.pipeline.OutputLocations;
import dev.anonymizer.pipeline.OutputMarks;
import dev.anonymizer.pipeline.ReviewArea;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.storage.AtomicFiles;
import dev.anonymizer.storage.ObjectNotFoundException;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.StoredObject;

/**
 * The review of held photos, which both doors (the page at {@code /review} and the {@code review} commands) call:
 * list them, serve a held censored copy (never an original), release one to its output, censor a box a person drew
 * (through the core's censoring policy) and release it, and export what was reviewed as labels. Flag mode's photos
 * ({@link FlaggedPhotos}), in the output already, are listed and served alike; "releasing" one marks it reviewed,
 * and a box drawn on it is censored in the output's copy.
 * <p>
 * A release never loses a photo: it writes the output (audit record first, copy last) before it deletes the held
 * objects, so a failure in between leaves the photo held, and releasing it again finishes the job. Two releases of
 * one photo at once release it once: each first writes the photo's claim where none is ({@link
 * ObjectStore#putIfAbsent}); the one that gets it releases, the other is told who did.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    /** The finds a release stands behind as labels: the categories {@code evaluate} measures censoring for. */
    private static final Set<String> LABELLED = Set.of("face", "text", "plate");

    private final ObjectStore store;
    private final ReviewArea area;
    private final OutputLocations locations;
    private final Anonymizer core;
    private final ObjectMapper json;
    private final boolean audited;
    private final Duration claimTimeout;

    public ReviewService(ObjectStore store, ReviewArea area, OutputLocations locations, Anonymizer core,
            ObjectMapper json, AuditConfig audit, ReviewConfig review) {
        this.claimTimeout = review.claimTimeout();
        this.store = store;
        this.area = area;
        this.locations = locations;
        this.core = core;
        this.json = json;
        this.audited = audit.enabled();
    }

    /** Every photo waiting for a person: the held ones, then the flagged ones, each in id order. */
    public List<HeldPhoto> held() {
        Set<String> ids = new LinkedHashSet<>();
        store.list(area.bucket(), area.heldPrefix(), n -> area.idOfHeldKey(n.key()).ifPresent(ids::add));
        store.list(area.bucket(), area.flaggedPrefix(), n -> area.idOfFlaggedKey(n.key()).ifPresent(ids::add));
        List<HeldPhoto> photos = new ArrayList<>();
        for (String id : ids) {
            held(id).ifPresent(photos::add);
        }
        return photos;
    }

    /** One photo waiting for a person (held, or flagged); empty when none of this id waits. */
    public Optional<HeldPhoto> held(String id) {
        Optional<ObjectRef> copy = heldCopy(id);
        if (copy.isEmpty()) {
            return Optional.empty();
        }
        if (store.head(copy.get()).isPresent()) {
            return Optional.of(photo(id, HeldPhoto.HELD, readAudit(copy.get()).orElse(null)));
        }
        return flagEntry(id).map(e -> photo(id, HeldPhoto.FLAGGED, e.audit() == null ? null
                : readJson(e.audit().ref()).orElse(null)));
    }

    private HeldPhoto photo(String id, String state, JsonNode audit) {
        if (audit == null) {
            return new HeldPhoto(id, state, null, null, List.of());
        }
        List<HeldPhoto.Doubt> doubts = new ArrayList<>();
        for (JsonNode d : audit.path("doubts")) {
            List<Double> box = new ArrayList<>();
            d.path("box").forEach(v -> box.add(v.asDouble()));
            doubts.add(new HeldPhoto.Doubt(d.path("kind").asText(), box,
                    d.hasNonNull("score") ? d.get("score").asDouble() : null));
        }
        JsonNode in = audit.path("input");
        String input = in.hasNonNull("bucket") ? in.get("bucket").asText() + "/" + in.path("key").asText() : null;
        return new HeldPhoto(id, state, input, audit.path("processedAt").asText(null), doubts);
    }

    /**
     * The censored copy of a waiting photo: the held copy, or a flagged photo's copy in the output; empty when no
     * photo of this id waits. Only ever a censored copy.
     */
    public Optional<StoredObject> heldImage(String id) {
        Optional<ObjectRef> copy = heldCopy(id);
        if (copy.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.get(copy.get()));
        } catch (ObjectNotFoundException e) {
            // not held: a flagged photo's copy, which is in the output
        }
        Optional<FlaggedPhotos.FlagEntry> flagged = flagEntry(id);
        if (flagged.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.get(flagged.get().output().ref()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Releases the held photo to its output as it is. */
    public ReviewResult release(String id, String by) {
        return release(id, by, null);
    }

    /**
     * Censors {@code box} (pixels of the upright image) with {@code category}'s policy in the held censored copy, then
     * releases it; a box of zero size or not inside the image is {@link ReviewResult.Refused} and changes nothing.
     */
    public ReviewResult censorAndRelease(String id, String by, Category category, Box box) {
        return release(id, by, new Region(category, "reviewer", 1.0, box, "reviewer"));
    }

    private ReviewResult release(String id, String by, Region asked) {
        Optional<ObjectRef> held = area.heldCopyOf(id);
        if (held.isEmpty()) {
            return new ReviewResult.NotHeld(id);
        }
        ObjectRef output = ReviewArea.outputOf(id).orElseThrow();
        ObjectRef copy = held.get();
        boolean isHeld = store.head(copy).isPresent();
        if (!isHeld && store.head(area.flagged(id)).isEmpty()) {
            return releasedBefore(id);
        }
        String now = Instant.now().toString();
        ObjectRef claim = area.claim(id);
        Claim mine = new Claim(by, now, UUID.randomUUID().toString());
        if (!store.putIfAbsent(claim, bytes(mine), "application/json", Map.of()) && !claimedByUs(claim, mine)
                && !tookOverStale(claim, mine)) {
            return claimedBy(id, claim);
        }
        boolean done = false;
        try {
            ReviewResult result = isHeld ? releaseClaimed(id, output, copy, by, now, asked)
                    : reviewFlagged(id, by, now, asked);
            done = true;
            return result;
        } catch (BoxOutsideImageException e) {
            // refused before anything was written: the photo stays as it was
            done = true;
            return new ReviewResult.Refused(id, e.getMessage());
        } finally {
            // the claim goes in every case: after a release (the release record answers a late second reviewer) and
            // after a failure (the photo is still held, and a new release must be able to claim it)
            try {
                store.delete(claim);
            } catch (RuntimeException e) {
                if (done) {
                    throw e;
                }
                LOG.warnf("release of %s failed, and its claim %s could not be given back (%s): delete it to "
                        + "release the photo", id, claim, e.getMessage());
            }
        }
    }

    private ReviewResult releaseClaimed(String id, ObjectRef output, ObjectRef copy, String by, String now,
            Region asked) {
        StoredObject held;
        try {
            held = store.get(copy);
        } catch (ObjectNotFoundException e) {
            // released between our look and our claim
            return releasedBefore(id);
        }
        Optional<JsonNode> audit = readAudit(copy);
        Edited edited = edited(held.bytes(), audit, asked, by, now);
        byte[] bytes = edited.bytes();
        String sha256 = edited.sha256();
        List<ReviewAction> actions = edited.actions();
        List<ReleaseRecord.Label> labels = edited.labels();
        actions.add(new ReviewAction(ReviewActionKind.RELEASED, by, now, null, null));
        ObjectRef auditOut = null;
        if (audit.isPresent() && audited) {
            auditOut = locations.auditFor(output);
            store.put(auditOut, reviewed(audit.get(), output, bytes, sha256, actions,
                    AuditDocument.ReviewState.RELEASED), "application/json", Map.of(OutputMarks.MARKER, "true"));
        }
        // the copy last, as the pipeline writes it: an output never lacks its record
        store.put(output, bytes, held.contentType(), held.metadata());
        JsonNode in = audit.map(a -> a.path("input")).orElse(null);
        ReleaseRecord.Location input = in != null && in.hasNonNull("bucket")
                ? new ReleaseRecord.Location(in.get("bucket").asText(), in.path("key").asText()) : null;
        List<ReviewAction> all = new ArrayList<>(audit.map(this::actionsOf).orElse(List.of()));
        all.addAll(actions);
        store.put(area.released(id), bytes(new ReleaseRecord(1, id, input,
                new ReleaseRecord.Location(output.bucket(), output.key()), by, now, all, labels)),
                "application/json", Map.of(OutputMarks.MARKER, "true"));
        // only now is the held photo gone: a failure before this line leaves it held
        store.delete(area.heldAudit(copy));
        store.delete(copy);
        return new ReviewResult.Released(id, output, by, false);
    }

    /** A reviewed copy: its bytes (the reviewer's box censored, if one was asked), their checksum, actions, labels. */
    private record Edited(byte[] bytes, String sha256, List<ReviewAction> actions, List<ReleaseRecord.Label> labels) {
    }

    /**
     * The copy with the reviewer's box, if any, censored through the core, the action noted and the box kept as a
     * label beside the found ones; {@code sha256} is null when nothing was censored (the bytes are the copy's own).
     */
    private Edited edited(byte[] copy, Optional<JsonNode> audit, Region asked, String by, String now) {
        List<ReviewAction> actions = new ArrayList<>();
        List<ReleaseRecord.Label> labels = new ArrayList<>(audit.map(ReviewService::foundLabels).orElse(List.of()));
        if (asked == null) {
            return new Edited(copy, null, actions, labels);
        }
        Anonymizer.CensoredAgain again = core.censorAgain(copy, asked);
        List<Long> box = box(asked.box());
        actions.add(new ReviewAction(ReviewActionKind.CENSORED, by, now, asked.category().key(), box));
        labels.add(new ReleaseRecord.Label(asked.category().key(), box, "reviewer"));
        return new Edited(again.bytes(), again.sha256(), actions, labels);
    }

    /**
     * Flag mode: the photo is in the output already. A box is censored in the output's copy (audit record first,
     * copy last, as the pipeline writes them); the record names the review; the flag entry goes last, so a failure
     * before leaves the photo flagged.
     */
    private ReviewResult reviewFlagged(String id, String by, String now, Region asked) {
        Optional<FlaggedPhotos.FlagEntry> flagged = flagEntry(id);
        if (flagged.isEmpty()) {
            return releasedBefore(id);
        }
        FlaggedPhotos.FlagEntry entry = flagged.get();
        ObjectRef output = entry.output().ref();
        StoredObject copy;
        try {
            copy = store.get(output);
        } catch (ObjectNotFoundException e) {
            // the output was deleted: nothing to review any more
            store.delete(area.flagged(id));
            return new ReviewResult.NotHeld(id);
        }
        Optional<JsonNode> audit = entry.audit() == null ? Optional.empty() : readJson(entry.audit().ref());
        Edited edited = edited(copy.bytes(), audit, asked, by, now);
        byte[] bytes = edited.bytes();
        String sha256 = edited.sha256();
        List<ReviewAction> actions = edited.actions();
        List<ReleaseRecord.Label> labels = edited.labels();
        actions.add(new ReviewAction(ReviewActionKind.REVIEWED, by, now, null, null));
        if (audit.isPresent()) {
            store.put(entry.audit().ref(), reviewed(audit.get(), output, bytes, sha256, actions,
                    AuditDocument.ReviewState.REVIEWED), "application/json", Map.of(OutputMarks.MARKER, "true"));
        }
        if (asked != null) {
            store.put(output, bytes, copy.contentType(), copy.metadata());
        }
        List<ReviewAction> all = new ArrayList<>(audit.map(this::actionsOf).orElse(List.of()));
        all.addAll(actions);
        ReleaseRecord.Location input = entry.input() == null ? null
                : new ReleaseRecord.Location(entry.input().bucket(), entry.input().key());
        store.put(area.released(id), bytes(new ReleaseRecord(1, id, input,
                new ReleaseRecord.Location(output.bucket(), output.key()), by, now, all, labels)),
                "application/json", Map.of(OutputMarks.MARKER, "true"));
        store.delete(area.flagged(id));
        return new ReviewResult.Released(id, output, by, true);
    }

    /** The audit record with the output's place, the new checksum after a censored box, and the review. */
    private byte[] reviewed(JsonNode audit, ObjectRef output, byte[] bytes, String sha256, List<ReviewAction> actions,
            AuditDocument.ReviewState state) {
        ObjectNode doc = audit.deepCopy();
        String outputSha = sha256 != null ? sha256 : audit.path("output").path("sha256").asText(null);
        doc.set("output", json.valueToTree(new AuditDocument.StoredOutput(output.bucket(), output.key(), outputSha,
                bytes.length)));
        List<ReviewAction> all = new ArrayList<>(actionsOf(audit));
        all.addAll(actions);
        doc.set("review", json.valueToTree(new AuditDocument.Review(state, all)));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ReviewAction> actionsOf(JsonNode audit) {
        JsonNode review = audit.path("review");
        if (!review.isObject()) {
            return List.of();
        }
        try {
            return json.treeToValue(review, AuditDocument.Review.class).actions();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detectors' finds of the censored categories: the boxes a release stands behind. */
    private static List<ReleaseRecord.Label> foundLabels(JsonNode audit) {
        List<ReleaseRecord.Label> labels = new ArrayList<>();
        for (JsonNode r : audit.path("regions")) {
            String category = r.path("category").asText();
            if (LABELLED.contains(category) && r.path("box").size() == 4) {
                List<Long> box = new ArrayList<>();
                r.path("box").forEach(v -> box.add(v.asLong()));
                labels.add(new ReleaseRecord.Label(category, box, "detector"));
            }
        }
        return labels;
    }

    /** No held copy: released before (the release record says by whom), or never held. */
    private ReviewResult releasedBefore(String id) {
        try {
            ReleaseRecord r = json.readValue(store.get(area.released(id)).bytes(), ReleaseRecord.class);
            return new ReviewResult.AlreadyReleased(id, r.releasedBy(), r.releasedAt());
        } catch (ObjectNotFoundException e) {
            return new ReviewResult.NotHeld(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True when the claim (or take-over marker) found is our own: a client that retries a conditional write whose
     * answer it lost (S3's SDK does, after a broken connection) is refused by its own first attempt.
     */
    private boolean claimedByUs(ObjectRef claim, Claim mine) {
        try {
            return mine.token().equals(json.readValue(store.get(claim).bytes(), Claim.class).token());
        } catch (ObjectNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A claim older than {@code anonymizer.review.claim-timeout} was left by a release that never ended (its process
     * was killed): taken over, so the photo does not stay held for ever. Of several takers of one stale claim one
     * wins: each writes a marker named after the stale claim's token where none is, and only the writer of the
     * marker replaces the claim with its own. A marker is a claim on the take-over: one left by a taker killed between
     * writing it and replacing the claim goes stale too, and is taken over the same way, or it would block every later
     * take-over.
     */
    private boolean tookOverStale(ObjectRef claim, Claim mine) {
        Claim found;
        try {
            found = json.readValue(store.get(claim).bytes(), Claim.class);
        } catch (ObjectNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.at() == null || Instant.parse(found.at()).plus(claimTimeout).isAfter(Instant.now())) {
            return false;
        }
        ObjectRef marker = ObjectRef.of(claim.bucket(), claim.key() + ".taken-over-" + found.token());
        // a retried write refused by its own first attempt wrote the marker too: the marker is ours then
        if (!store.putIfAbsent(marker, bytes(mine), "application/json", Map.of()) && !claimedByUs(marker, mine)
                && !tookOverStale(marker, mine)) {
            return false;
        }
        LOG.warnf("taking over the claim of %s left by %s at %s (older than anonymizer.review.claim-timeout)",
                claim, found.by(), found.at());
        store.put(claim, bytes(mine), "application/json", Map.of());
        store.delete(marker);
        return true;
    }

    private ReviewResult claimedBy(String id, ObjectRef claim) {
        try {
            Claim c = json.readValue(store.get(claim).bytes(), Claim.class);
            return new ReviewResult.AlreadyReleased(id, c.by(), c.at());
        } catch (ObjectNotFoundException e) {
            // the other release has just finished
            return releasedBefore(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes every released photo's labels to {@code dir/labels.json} in the format {@code evaluate} reads, with the
     * originals (the inputs, fetched from the store) in {@code dir/images/}: a team's own corrections become its
     * calibration set. A photo whose original is gone is left out and named.
     */
    public LabelExport exportLabels(Path dir) {
        List<String> keys = new ArrayList<>();
        store.list(area.bucket(), area.releasedPrefix(), n -> keys.add(n.key()));
        List<LabelExport.LabelledPhoto> photos = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int boxes = 0;
        try {
            Files.createDirectories(dir.resolve("images"));
            for (String key : keys) {
                ReleaseRecord r = json.readValue(store.get(ObjectRef.of(area.bucket(), key)).bytes(),
                        ReleaseRecord.class);
                if (r.input() == null) {
                    missing.add(r.id());
                    continue;
                }
                byte[] original;
                try {
                    original = store.get(ObjectRef.of(r.input().bucket(), r.input().key())).bytes();
                } catch (ObjectNotFoundException e) {
                    missing.add(r.id());
                    continue;
                }
                String file = r.id().replace('/', '_');
                AtomicFiles.write(dir.resolve("images").resolve(file), original);
                List<LabelExport.LabelBox> labelBoxes = r.labels().stream().map(l -> new LabelExport.LabelBox(
                        l.label(), l.box().get(0), l.box().get(1), l.box().get(2) - l.box().get(0),
                        l.box().get(3) - l.box().get(1))).toList();
                boxes += labelBoxes.size();
                photos.add(new LabelExport.LabelledPhoto(file, labelBoxes));
            }
            AtomicFiles.write(dir.resolve("labels.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new LabelExport.LabelsFile(photos)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelExport(photos.size(), boxes, missing);
    }

    private Optional<ObjectRef> heldCopy(String id) {
        return area.heldCopyOf(id);
    }

    private Optional<JsonNode> readAudit(ObjectRef copy) {
        return readJson(area.heldAudit(copy));
    }

    private Optional<JsonNode> readJson(ObjectRef ref) {
        try {
            return Optional.of(json.readTree(store.get(ref).bytes()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<FlaggedPhotos.FlagEntry> flagEntry(String id) {
        try {
            return Optional.of(json.readValue(store.get(area.flagged(id)).bytes(), FlaggedPhotos.FlagEntry.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(Object document) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> box(Box b) {
        return List.of(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.x2()), Math.round(b.y2()));
    }

    /** Who holds a release under way, since when; the token tells one claim from another. */
    record Claim(String by, String at, String token) {
    }
}
