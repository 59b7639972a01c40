package dev.anonymizer.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.Uncovered;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.region.Box;

/**
 * Writes the per-image audit JSON ({@link AuditDocument}): what went in and out (SHA-256s), which models and
 * thresholds decided, what was found and censored (boxes and scores), which metadata was removed and how long each
 * step took. It holds no pixels. Where the image came from and went to is the door's {@link Place}; the image's own
 * facts come with it from the core; the models loaded and the text model's pixel threshold, which only the record
 * names, are filled in here.
 */
@ApplicationScoped
public class AuditRecords {

    private final ObjectMapper json;
    private final ModelRegistry models;
    private final double textPixelThreshold;
    private final PolicyFingerprint policy;
    private final boolean reviewOn;

    public AuditRecords(ObjectMapper json, ModelRegistry models, DetectionConfig detection, PolicyFingerprint policy,
            ReviewConfig review) {
        this.json = json;
        this.models = models;
        this.textPixelThreshold = detection.text().pixelThreshold();
        this.policy = policy;
        this.reviewOn = review.mode().findsDoubts();
    }

    /** The record as pretty-printed JSON. */
    public byte[] build(Place from, Place to, AnonymizedImage image, StepTimings timingsMs) {
        return build(from, to, image, timingsMs, null);
    }

    /** The record, with its review part (hold mode: the photo is held) where there is one. */
    public byte[] build(Place from, Place to, AnonymizedImage image, StepTimings timingsMs, AuditDocument.Review review) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(from, to, image, timingsMs, review));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    AuditDocument document(Place from, Place to, AnonymizedImage image, StepTimings timingsMs) {
        return document(from, to, image, timingsMs, null);
    }

    AuditDocument document(Place from, Place to, AnonymizedImage image, StepTimings timingsMs,
            AuditDocument.Review review) {
        AnonymizedImage.Facts facts = image.facts();
        PersonalDataFinder.Thresholds min = facts.thresholds();
        Map<String, Integer> counts = new LinkedHashMap<>();
        image.counts().forEach((c, n) -> counts.put(c.key(), n));
        return new AuditDocument(1, Instant.now().toString(), from.input(image), to.output(image), jpeg(image.jpeg()),
                models.loaded().stream().map(m -> new AuditDocument.Model(m.id(), m.family(), m.sha256(), m.licence(),
                        m.dataTerms())).toList(),
                new AuditDocument.Policy(policy.value()),
                image.plans().stream().map(AuditRecords::search).toList(),
                image.budgets().stream().map(AuditRecords::budget).toList(),
                new AuditDocument.Thresholds(min.face(), min.text(), textPixelThreshold, min.objects()), counts,
                image.censored().size(),
                image.found().stream().map(r -> new AuditDocument.Found(r.category().key(), r.label(),
                        round(r.score(), 1000), r.model(), box(r.box()))).toList(),
                image.censored().stream().map(r -> new AuditDocument.Censored(r.category().key(), box(r.box())))
                        .toList(),
                reviewOn ? image.doubts().stream().map(AuditDocument.DoubtEntry::of).toList() : null,
                image.info().metadata(), facts.iccProfileKept(), timingsMs, review);
    }

    private static AuditDocument.Jpeg jpeg(JpegReport jpeg) {
        return jpeg == null ? null : new AuditDocument.Jpeg(jpeg.path(), jpeg.blocksRewritten(), jpeg.blocksTotal(),
                jpeg.quantisation(), jpeg.fallback());
    }

    private static AuditDocument.Search search(SearchPlan p) {
        return new AuditDocument.Search(p.look().key(), p.model(), p.passes().size(),
                p.scales().stream().map(s -> round(s, 1000)).toList(), round(p.covered().min(), 10),
                round(p.wanted().min(), 10), Math.round(p.inputPixels() / 1e4) / 100.0);
    }

    private static AuditDocument.Budget budget(PersonalDataFinder.BudgetReport b) {
        return new AuditDocument.Budget(b.model(), Math.round(b.budgetPixels() / 1e4) / 100.0,
                Math.round(b.spentPixels() / 1e4) / 100.0, b.inferences(), b.packedLooks(),
                b.uncovered().stream().map(AuditRecords::uncovered).toList());
    }

    private static AuditDocument.Uncovered uncovered(Uncovered u) {
        return new AuditDocument.Uncovered(u.look().key(), List.of(u.area().x(), u.area().y(),
                u.area().x() + u.area().width(), u.area().y() + u.area().height()), round(u.wantedMin(), 10),
                round(u.coveredMin(), 10));
    }

    private static double round(double v, double per) {
        return Math.round(v * per) / per;
    }

    static List<Long> box(Box b) {
        return List.of(Math.round(b.x1()), Math.round(b.y1()), Math.round(b.x2()), Math.round(b.y2()));
    }
}
