package dev.anonymizer.pipeline;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.storage.InvalidObjectNameException;
import dev.anonymizer.storage.ObjectRef;

/**
 * Where photos wait for a person ({@code anonymizer.review.mode=hold}): one bucket ({@code anonymizer.review.bucket})
 * and, below an optional key prefix, three parts:
 * <ul>
 * <li>{@code held/<output bucket>/<output key>}: the censored copy that would have gone to that output, with its
 * audit record beside it ({@code <key>.audit.json});</li>
 * <li>{@code claims/<output bucket>/<output key>}: while one release of it runs (written only where none is, so of
 * two reviewers releasing at once one does it);</li>
 * <li>{@code released/<output bucket>/<output key>.json}: what the review did, for {@code review export-labels}.</li>
 * <li>{@code flagged/<output bucket>/<output key>.json}: flag mode, a photo with doubts that went to the output and
 * waits for a look ({@link FlaggedPhotos}).</li>
 * </ul>
 * A held photo is named by its <em>id</em>, {@code <output bucket>/<output key>}: the id says where a release puts it.
 */
@ApplicationScoped
public class ReviewArea {

    static final String HELD = "held/";
    static final String CLAIMS = "claims/";
    static final String RELEASED = "released/";
    static final String FLAGGED = "flagged/";

    private final String bucket;
    private final String prefix;
    private final String auditSuffix;

    public ReviewArea(ReviewConfig review, AuditConfig audit) {
        this.bucket = review.bucket();
        this.prefix = review.keyPrefix().orElse("");
        this.auditSuffix = audit.keySuffix();
        // a bad bucket name is a start-up error, not a failure of the first held photo
        ObjectRef.of(bucket, prefix + HELD + "x");
    }

    public String bucket() {
        return bucket;
    }

    /** The prefix under which the held copies (and their audit records) are listed. */
    public String heldPrefix() {
        return prefix + HELD;
    }

    /** The prefix under which the release records are listed. */
    public String releasedPrefix() {
        return prefix + RELEASED;
    }

    /** The prefix under which flag mode's entries are listed. */
    public String flaggedPrefix() {
        return prefix + FLAGGED;
    }

    /** Flag mode's entry of the photo {@code id}. */
    public ObjectRef flagged(String id) {
        return ObjectRef.of(bucket, flaggedPrefix() + id + ".json");
    }

    /** The id of a listed key under {@link #flaggedPrefix()}; empty for other keys. */
    public Optional<String> idOfFlaggedKey(String key) {
        if (!key.startsWith(flaggedPrefix()) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        return Optional.of(key.substring(flaggedPrefix().length(), key.length() - ".json".length()));
    }

    /** Where the censored copy bound for {@code output} waits. */
    public ObjectRef heldCopy(ObjectRef output) {
        return ObjectRef.of(bucket, heldPrefix() + id(output));
    }

    /**
     * Where the held photo of {@code id} would be; empty for an id that names no held photo's place: no output
     * (see {@link #outputOf}) or an audit record's name (a held copy's record is never a photo of its own).
     */
    public Optional<ObjectRef> heldCopyOf(String id) {
        if (id == null || id.endsWith(auditSuffix)) {
            return Optional.empty();
        }
        return outputOf(id).map(this::heldCopy);
    }

    /** The held copy's audit record. */
    public ObjectRef heldAudit(ObjectRef heldCopy) {
        return ObjectRef.of(bucket, heldCopy.key() + auditSuffix);
    }

    /** The claim a release of {@code id} holds while it runs. */
    public ObjectRef claim(String id) {
        return ObjectRef.of(bucket, prefix + CLAIMS + id);
    }

    /** The record of what the review of {@code id} did. */
    public ObjectRef released(String id) {
        return ObjectRef.of(bucket, releasedPrefix() + id + ".json");
    }

    /** A held photo's id: its output's bucket and key. */
    public static String id(ObjectRef output) {
        return output.bucket() + "/" + output.key();
    }

    /**
     * The output a held photo is bound for, from its id; empty when the id names no object (no slash, a name the
     * shared rules refuse): such an id is outside the review area.
     */
    public static Optional<ObjectRef> outputOf(String id) {
        int slash = id == null ? -1 : id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(ObjectRef.of(id.substring(0, slash), id.substring(slash + 1)));
        } catch (InvalidObjectNameException e) {
            return Optional.empty();
        }
    }

    /** The id of a listed key under {@link #heldPrefix()}; empty for audit records and other keys. */
    public Optional<String> idOfHeldKey(String key) {
        if (!key.startsWith(heldPrefix()) || key.endsWith(auditSuffix)) {
            return Optional.empty();
        }
        return Optional.of(key.substring(heldPrefix().length()));
    }

    /** True for every object of the review area: none is ever processed as an input. */
    public boolean contains(ObjectRef ref) {
        return ref.bucket().equals(bucket) && ref.key().startsWith(prefix);
    }
}
