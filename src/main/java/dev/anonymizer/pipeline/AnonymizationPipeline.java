package dev.anonymizer.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.config.ReviewMode;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome.SkipReason;
import dev.anonymizer.storage.InvalidObjectNameException;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectNotFoundException;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;

/**
 * The object-store door onto the {@link JobRunner}, used by the function, the dev-mode watcher and backfill: name
 * and own-output checks, then one {@link ImageJob} from the object to its censored copy (and audit record) in the
 * output location. Fails closed as the runner does; a storage fault propagates (the event is retried). Also the one
 * INFO line and the metrics per object.
 */
@ApplicationScoped
public class AnonymizationPipeline {

    private static final Logger LOG = Logger.getLogger(AnonymizationPipeline.class);

    private final ObjectStore store;
    private final OutputLocations locations;
    private final JobRunner jobs;
    private final boolean audited;
    private final PipelineMetrics metrics;
    private final boolean holds;
    private final ReviewArea review;
    private final ReviewRequests reviews;
    private final FlaggedPhotos flags;

    public AnonymizationPipeline(ObjectStore store, OutputLocations locations, JobRunner jobs, AuditConfig audit,
            PipelineMetrics metrics, ReviewConfig reviewConfig, ReviewArea review, ReviewRequests reviews,
            FlaggedPhotos flags) {
        this.reviews = reviews;
        this.flags = flags;
        this.store = store;
        this.locations = locations;
        this.jobs = jobs;
        this.audited = audit.enabled();
        this.metrics = metrics;
        this.holds = reviewConfig.mode() == ReviewMode.HOLD;
        this.review = review;
    }


    /**
     * Processes one object as an event named it: a name no object can have is rejected as an invalid event, with the
     * names as given. Storage faults are thrown, everything else ends in an {@link Outcome}.
     */
    public Outcome process(ObjectName named) {
        long start = System.nanoTime();
        ObjectRef input;
        try {
            input = named.ref();
        } catch (InvalidObjectNameException e) {
            return finished(new Outcome.Rejected(named, RejectionReason.INVALID_EVENT, e.getMessage(), ms(start)));
        }
        return process(input, start);
    }

    /** Processes one object; storage faults are thrown, everything else ends in an {@link Outcome}. */
    public Outcome process(ObjectRef input) {
        return process(input, System.nanoTime(), false);
    }

    /**
     * Processes one object again although its output holds this version: its copy was made by another policy or
     * other models ({@link OutputCurrency}, {@code backfill --stale}).
     */
    public Outcome redo(ObjectRef input) {
        return process(input, System.nanoTime(), true);
    }

    private Outcome process(ObjectRef input, long start) {
        return process(input, start, false);
    }

    private Outcome process(ObjectRef input, long start, boolean redo) {
        Outcome outcome;
        try {
            outcome = run(input, start, redo);
        } catch (RuntimeException e) {
            metrics.failed(e);
            logFailure(input, e, ms(start));
            throw e;
        }
        return finished(outcome);
    }

    private Outcome finished(Outcome outcome) {
        metrics.record(outcome);
        logOutcome(outcome);
        return outcome;
    }

    private Outcome run(ObjectRef ref, long start, boolean redo) {
        ObjectName input = ref.name();
        try {
            ObjectRef out = locations.outputFor(ref);
            if (locations.isOutputLocation(ref)) {
                return new Outcome.Skipped(input, null, SkipReason.OWN_OUTPUT, "the object is in the output location",
                        ms(start));
            }
            ObjectRef auditRef = audited ? locations.auditFor(out) : null;
            JobResult result = jobs.run(new ImageJob(new ImageSource.Stored(store, ref, out, redo,
                    holds ? review.heldCopy(out) : null),
                    destination(out, auditRef)));
            if (result instanceof JobResult.Skipped s) {
                ObjectRef existing = s.reason() == SkipReason.ALREADY_ANONYMIZED ? out
                        : s.reason() == SkipReason.ALREADY_HELD ? review.heldCopy(out) : null;
                return new Outcome.Skipped(input, existing, s.reason(), s.message(), ms(start));
            }
            if (result instanceof JobResult.Rejected r) {
                return new Outcome.Rejected(input, r.reason(), r.message(), ms(start));
            }
            JobResult.Done done = (JobResult.Done) result;
            metrics.regions(done.image().censored());
            ObjectRef written = out;
            ObjectRef writtenAudit = auditRef;
            if (done.written() instanceof ImageDestination.Held held) {
                written = held.at().copy();
                writtenAudit = held.at().audit();
            }
            if (done.image().doubtful()) {
                reviews.requested(ref, written, writtenAudit, done.image());
                if (!done.written().held()) {
                    flags.flagged(ref, written, writtenAudit);
                }
            }
            return new Outcome.Anonymized(input, written, writtenAudit, done.image(), done.timingsMs(), ms(start));
        } catch (InvalidObjectNameException e) {
            // a name this store cannot hold (beyond the rules every store shares, checked when the ref was made)
            return new Outcome.Rejected(input, RejectionReason.INVALID_EVENT, e.getMessage(), ms(start));
        } catch (ObjectNotFoundException e) {
            return new Outcome.Rejected(input, RejectionReason.NOT_FOUND, e.getMessage(), ms(start));
        }
    }

    /** The output, or in hold mode the output or the review area, as the core's doubts decide. */
    private ImageDestination destination(ObjectRef out, ObjectRef auditRef) {
        ImageDestination.Stored output = new ImageDestination.Stored(store, out, auditRef);
        if (!holds) {
            return output;
        }
        ObjectRef held = review.heldCopy(out);
        return new ImageDestination.Holding(output,
                new ImageDestination.Stored(store, held, audited ? review.heldAudit(held) : null));
    }

    /**
     * The one INFO line per image. Its fields also go into the MDC, so the JSON console format
     * ({@code quarkus.log.console.json.enabled=true}) carries them as structured fields under {@code mdc}: bucket,
     * key, outcome, reason, regions per category, censored count, elapsed ms. Never pixels, metadata values (GPS) or
     * credentials: only names, counts and times.
     */
    private static void logOutcome(Outcome o) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", o.input().bucket());
        fields.put("key", o.input().key());
        fields.put("outcome", o.status().key());
        String reason = o.reasonCode();
        fields.put("reason", reason == null ? "none" : reason);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int censored = 0;
        if (o instanceof Outcome.Anonymized a) {
            a.image().counts().forEach((c, n) -> counts.put(c.key(), n));
            censored = a.image().censored().size();
        }
        counts.forEach((category, n) -> fields.put("regions." + category, String.valueOf(n)));
        fields.put("censored", String.valueOf(censored));
        fields.put("elapsedMs", String.valueOf(o.elapsedMs()));
        withMdc(fields, () -> LOG.infof("%s %s: %s%s in %d ms", o.status().key(), o.input(),
                reason == null ? "" : reason + " ", counts.isEmpty() ? "" : counts, o.elapsedMs()));
    }

    private static void logFailure(ObjectRef input, RuntimeException e, long elapsedMs) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", input.bucket());
        fields.put("key", input.key());
        fields.put("outcome", "failed");
        fields.put("reason", Outcome.failureReason(e));
        fields.put("elapsedMs", String.valueOf(elapsedMs));
        withMdc(fields, () -> LOG.warnf("failed %s: %s in %d ms", input, e.getMessage(), elapsedMs));
    }

    /** Puts the fields into the MDC for the one log call, then takes them out (threads are pooled). */
    private static void withMdc(Map<String, String> fields, Runnable log) {
        fields.forEach(MDC::put);
        try {
            log.run();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
