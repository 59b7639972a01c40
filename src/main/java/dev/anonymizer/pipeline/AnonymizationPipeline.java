package dev.anonymizer.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ImageLimitsConfig;
import dev.anonymizer.config.OutputConfig;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.imaging.DecodedImage;
import dev.anonymizer.imaging.EncodedImage;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.RejectedImageException;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;
import dev.anonymizer.storage.ObjectHead;
import dev.anonymizer.storage.ObjectNotFoundException;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.ObjectTooLargeException;
import dev.anonymizer.storage.StoredObject;

/**
 * Runs the steps for one stored image, in order: fetch, decode, detect, choose regions, censor, encode, store.
 * Owns the request's native scope (the decoded image is closed whatever happens). Fails closed: the censored copy
 * is written last, in one put, only after every step succeeded; a storage fault propagates (the event is retried).
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
    private final ImageDecoder decoder;
    private final ImageEncoder encoder;
    private final PersonalDataFinder finder;
    private final CensorPolicy policy;
    private final ModelRegistry models;
    private final DetectionConfig detection;
    private final AuditConfig audit;
    private final OutputConfig output;
    private final ObjectMapper json;
    private final PipelineMetrics metrics;
    private final ImageLimitsConfig limits;

    public AnonymizationPipeline(ObjectStore store, OutputLocations locations, ImageDecoder decoder,
            ImageEncoder encoder, PersonalDataFinder finder, CensorPolicy policy, ModelRegistry models,
            DetectionConfig detection, AuditConfig audit, OutputConfig output, ObjectMapper json,
            PipelineMetrics metrics, ImageLimitsConfig limits) {
        this.store = store;
        this.locations = locations;
        this.decoder = decoder;
        this.encoder = encoder;
        this.finder = finder;
        this.policy = policy;
        this.models = models;
        this.detection = detection;
        this.audit = audit;
        this.output = output;
        this.json = json;
        this.metrics = metrics;
        this.limits = limits;
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
        fields.put("reason", o.reason() == null ? "none" : o.reason());
        o.counts().forEach((category, n) -> fields.put("regions." + category, String.valueOf(n)));
        fields.put("censored", String.valueOf(o.censored()));
        fields.put("elapsedMs", String.valueOf(o.elapsedMs()));
        withMdc(fields, () -> LOG.infof("%s %s: %s%s in %d ms", o.status().key(), o.input(),
                o.reason() == null ? "" : o.reason() + " ", o.counts().isEmpty() ? "" : o.counts(), o.elapsedMs()));
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

    private Outcome run(ObjectRef input, long start) {
        ObjectRef out = locations.outputFor(input);
        if (locations.isOutputLocation(input)) {
            return Outcome.skipped(input, null, "own-output", "the object is in the output location", ms(start));
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        long t = System.nanoTime();
        String doneEtag = store.head(out.bucket(), out.key()).map(ObjectHead::metadata).map(m -> m.get(SOURCE_ETAG))
                .orElse(null);
        if (input.etag() != null && input.etag().equals(doneEtag)) {
            return Outcome.skipped(input, out, "already-anonymized",
                    "the output already holds this version (ETag " + doneEtag + ")", ms(start));
        }
        StoredObject object;
        try {
            // the byte limit is passed down so an oversized object is refused from its size, before it fills the heap
            object = store.get(input, limits.maxBytes());
        } catch (ObjectNotFoundException e) {
            return Outcome.rejected(input, RejectionReason.NOT_FOUND.code(), e.getMessage(), ms(start));
        } catch (ObjectTooLargeException e) {
            return Outcome.rejected(input, RejectionReason.TOO_LARGE.code(), e.getMessage()
                    + " (anonymizer.limits.max-bytes)", ms(start));
        }
        if ("true".equals(object.metadata().get(MARKER))) {
            return Outcome.skipped(input, null, "own-output", "the object carries the anonymizer's output marker", ms(start));
        }
        String etag = object.etag();
        if (etag != null && etag.equals(doneEtag)) {
            return Outcome.skipped(input, out, "already-anonymized",
                    "the output already holds this version (ETag " + etag + ")", ms(start));
        }
        timings.put("fetch", ms(t));

        try {
            t = System.nanoTime();
            try (DecodedImage image = decoder.decode(object.bytes())) {
                timings.put("decode", ms(t));

                PersonalDataFinder.Findings findings = finder.find(image.pixels());
                timings.put("detect", findings.millisByDetector().values().stream().mapToLong(Long::longValue).sum());
                findings.millisByDetector().forEach((k, v) -> timings.put("detect." + k, v));

                t = System.nanoTime();
                List<Region> toCensor = policy.regionsToCensor(findings.regions(), image.width(), image.height());
                policy.apply(image.pixels(), toCensor);
                timings.put("censor", ms(t));

                t = System.nanoTime();
                EncodedImage encoded = encoder.encode(image, toCensor.stream().map(Region::box).toList());
                timings.put("encode", ms(t));

                t = System.nanoTime();
                Map<Category, Integer> counts = Regions.countByCategory(findings.regions());
                ObjectRef auditRef = null;
                if (audit.enabled()) {
                    auditRef = locations.auditFor(out);
                    Map<String, Long> auditTimings = new LinkedHashMap<>(timings);
                    byte[] record = AuditRecord.build(json, input, etag, object.bytes(), image.info(), out,
                            encoded.bytes(), models.loaded(), detection, findings.regions(), toCensor, counts,
                            output.keepIccProfile() && image.info().icc() != null, auditTimings, encoded.jpeg());
                    store.put(auditRef.bucket(), auditRef.key(), record, "application/json", Map.of(MARKER, "true"));
                }
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put(MARKER, "true");
                meta.put(SOURCE, input.bucket() + "/" + input.key());
                if (etag != null) {
                    meta.put(SOURCE_ETAG, etag);
                }
                store.put(out.bucket(), out.key(), encoded.bytes(), image.info().format().contentType(), meta);
                timings.put("store", ms(t));

                Map<String, Integer> countsByKey = new LinkedHashMap<>();
                counts.forEach((c, n) -> countsByKey.put(c.key(), n));
                metrics.regions(toCensor);
                return new Outcome(Outcome.Status.ANONYMIZED, input, out, auditRef, null, null, countsByKey,
                        toCensor.size(), image.info().metadata(), timings, ms(start));
            }
        } catch (RejectedImageException e) {
            return Outcome.rejected(input, e.reason().code(), e.getMessage(), ms(start));
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
