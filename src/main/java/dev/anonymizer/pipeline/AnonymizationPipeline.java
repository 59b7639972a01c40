package dev.anonymizer.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ImageLimitsConfig;
import dev.anonymizer.imaging.RejectedImageException;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome.SkipReason;
import dev.anonymizer.storage.InvalidObjectNameException;
import dev.anonymizer.storage.ObjectHead;
import dev.anonymizer.storage.ObjectNames;
import dev.anonymizer.storage.ObjectNotFoundException;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.ObjectTooLargeException;
import dev.anonymizer.storage.StoredObject;

/**
 * The object-store shell around the {@link Anonymizer} core, used by the function, the dev-mode watcher and backfill:
 * name checks, own-output and duplicate checks, fetch, core, then the audit record and the censored copy. Fails
 * closed: the censored copy is written last, in one put, only after every step succeeded; a storage fault propagates
 * (the event is retried). Also the one INFO line and the metrics per object.
 */
@ApplicationScoped
public class AnonymizationPipeline {

    /** User-metadata keys written on every output object. */
    public static final String MARKER = "anonymizer-output";
    public static final String SOURCE_ETAG = "anonymizer-source-etag";
    public static final String SOURCE = "anonymizer-source";

    private static final Logger LOG = Logger.getLogger(AnonymizationPipeline.class);

    private final ObjectStore store;
    private final OutputLocations locations;
    private final Anonymizer core;
    private final AuditConfig audit;
    private final ImageLimitsConfig limits;
    private final ObjectMapper json;
    private final PipelineMetrics metrics;

    public AnonymizationPipeline(ObjectStore store, OutputLocations locations, Anonymizer core, AuditConfig audit,
            ImageLimitsConfig limits, ObjectMapper json, PipelineMetrics metrics) {
        this.store = store;
        this.locations = locations;
        this.core = core;
        this.audit = audit;
        this.limits = limits;
        this.json = json;
        this.metrics = metrics;
    }

    /** Processes one object; storage faults are thrown, everything else ends in an {@link Outcome}. */
    public Outcome process(ObjectRef input) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = run(input, start);
        } catch (RuntimeException e) {
            metrics.failed(e);
            logFailure(input, e, ms(start));
            throw e;
        }
        metrics.record(outcome);
        logOutcome(outcome);
        return outcome;
    }

    private Outcome run(ObjectRef input, long start) {
        try {
            ObjectNames.check(input.bucket(), input.key());
            ObjectRef out = locations.outputFor(input);
            if (locations.isOutputLocation(input)) {
                return new Outcome.Skipped(input, null, SkipReason.OWN_OUTPUT, "the object is in the output location",
                        ms(start));
            }
            long t = System.nanoTime();
            String doneEtag = store.head(out.bucket(), out.key()).map(ObjectHead::metadata)
                    .map(m -> m.get(SOURCE_ETAG)).orElse(null);
            if (input.etag() != null && input.etag().equals(doneEtag)) {
                return alreadyDone(input, out, doneEtag, start);
            }
            // the byte limit is passed down so an oversized object is refused from its size, before it fills the heap
            StoredObject object = store.get(input, limits.maxBytes());
            if ("true".equals(object.metadata().get(MARKER))) {
                return new Outcome.Skipped(input, null, SkipReason.OWN_OUTPUT,
                        "the object carries the anonymizer's output marker", ms(start));
            }
            if (object.etag() != null && object.etag().equals(doneEtag)) {
                return alreadyDone(input, out, doneEtag, start);
            }
            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("fetch", ms(t));
            AnonymizedImage image = core.anonymize(object.bytes());
            timings.putAll(image.timingsMs());
            t = System.nanoTime();
            ObjectRef auditRef = audit.enabled() ? writeAudit(input, object.etag(), out, image, timings) : null;
            store.put(out.bucket(), out.key(), image.bytes(), image.info().format().contentType(),
                    outputMetadata(input, object.etag()));
            timings.put("store", ms(t));
            metrics.regions(image.censored());
            return new Outcome.Anonymized(input, out, auditRef, image, timings, ms(start));
        } catch (InvalidObjectNameException e) {
            return new Outcome.Rejected(input, RejectionReason.INVALID_EVENT, e.getMessage(), ms(start));
        } catch (ObjectNotFoundException e) {
            return new Outcome.Rejected(input, RejectionReason.NOT_FOUND, e.getMessage(), ms(start));
        } catch (ObjectTooLargeException e) {
            return new Outcome.Rejected(input, RejectionReason.TOO_LARGE,
                    e.getMessage() + " (anonymizer.limits.max-bytes)", ms(start));
        } catch (RejectedImageException e) {
            return new Outcome.Rejected(input, e.reason(), e.getMessage(), ms(start));
        }
    }

    private static Outcome alreadyDone(ObjectRef input, ObjectRef out, String etag, long start) {
        return new Outcome.Skipped(input, out, SkipReason.ALREADY_ANONYMIZED,
                "the output already holds this version (ETag " + etag + ")", ms(start));
    }

    /** The audit record goes first: a censored copy without its record would be an unexplained output. */
    private ObjectRef writeAudit(ObjectRef input, String etag, ObjectRef out, AnonymizedImage image,
            Map<String, Long> timings) {
        ObjectRef ref = locations.auditFor(out);
        byte[] record = AuditRecord.build(json, new Place.Stored(input, etag), new Place.Stored(out, null), image,
                timings);
        store.put(ref.bucket(), ref.key(), record, "application/json", Map.of(MARKER, "true"));
        return ref;
    }

    private static Map<String, String> outputMetadata(ObjectRef input, String etag) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MARKER, "true");
        meta.put(SOURCE, input.bucket() + "/" + input.key());
        if (etag != null) {
            meta.put(SOURCE_ETAG, etag);
        }
        return meta;
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
