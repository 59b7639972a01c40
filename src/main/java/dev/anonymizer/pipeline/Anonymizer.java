package dev.anonymizer.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.detection.DoubtRules;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.detection.PersonalDataFinder.Thresholds;
import dev.anonymizer.imaging.DecodedImage;
import dev.anonymizer.imaging.EncodedImage;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.JpegReadAhead;
import dev.anonymizer.imaging.RejectedImageException;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Region;

/**
 * The anonymizing core, which every door calls (the function, the {@code anonymize} command, backfill, evaluate):
 * one image's bytes in, the censored bytes out. Decode (limits checked, orientation applied), find, name the doubts
 * ({@link DoubtRules}; none when review is off), censor, encode.
 * No storage, no events, no files. Owns the image's native pixels for the call.
 */
@ApplicationScoped
public class Anonymizer {

    private final ImageDecoder decoder;
    private final PersonalDataFinder finder;
    private final CensorPolicy policy;
    private final ImageEncoder encoder;
    private final DoubtRules doubts;

    public Anonymizer(ImageDecoder decoder, PersonalDataFinder finder, CensorPolicy policy, ImageEncoder encoder,
            DoubtRules doubts) {
        this.decoder = decoder;
        this.finder = finder;
        this.policy = policy;
        this.encoder = encoder;
        this.doubts = doubts;
    }

    /** With the configured thresholds; {@link RejectedImageException} for input that is no supported image. */
    public AnonymizedImage anonymize(byte[] input) {
        return anonymize(input, finder.configured());
    }

    /** With other minimum scores (calibration runs once at the lowest threshold it tries). */
    public AnonymizedImage anonymize(byte[] input, Thresholds min) {
        long start = System.nanoTime();
        try (DecodedImage image = decoder.decode(input); JpegReadAhead source = encoder.readAhead(image)) {
            long decode = ms(start);
            // the search reaches into the face band; judge() takes the band's finds out again, as doubts
            PersonalDataFinder.Findings findings = finder.find(image.pixels(), doubts.searchThresholds(min));
            DoubtRules.Judged judged = doubts.judge(findings.regions(), findings.budgets(), min.face(), image.width(),
                    image.height());
            start = System.nanoTime();
            List<Region> censored = regionsToCensor(judged.found(), image.width(), image.height());
            policy.apply(image.pixels(), censored);
            long censor = ms(start);
            start = System.nanoTime();
            EncodedImage encoded = encoder.encode(image, censored.stream().map(Region::box).toList(), source);
            StepTimings timings = StepTimings.ofCore(decode, findings.millisByDetector(), censor, ms(start));
            byte[] bytes = encoded.bytes();
            AnonymizedImage.Facts facts = new AnonymizedImage.Facts(sha256(input), input.length, sha256(bytes), min,
                    encoded.iccProfileKept());
            return new AnonymizedImage(bytes, image.info(), image.width(), image.height(), judged.found(), censored,
                    judged.doubts(), findings.plans(), findings.budgets(), encoded.jpeg(), facts, timings);
        }
    }

    /**
     * Censors one more region, a person's box, in an image that is already a censored copy (a held photo): decoded,
     * the box censored with its category's policy, encoded as the pipeline encodes (a baseline JPEG has only the
     * blocks under the box rewritten). {@link BoxOutsideImageException} for a box of zero size or not inside the
     * upright image.
     */
    public CensoredAgain censorAgain(byte[] censoredCopy, Region asked) {
        try (DecodedImage image = decoder.decode(censoredCopy)) {
            Box b = asked.box();
            if (b.width() <= 0 || b.height() <= 0) {
                throw new BoxOutsideImageException("the box has no area (" + b.width() + " x " + b.height() + " px)");
            }
            if (b.x1() < 0 || b.y1() < 0 || b.x2() > image.width() || b.y2() > image.height()) {
                throw new BoxOutsideImageException("the box " + Math.round(b.x1()) + "," + Math.round(b.y1()) + " to "
                        + Math.round(b.x2()) + "," + Math.round(b.y2()) + " is not inside the image (" + image.width()
                        + " x " + image.height() + " px)");
            }
            Region censored = policy.applyAsked(image.pixels(), asked).orElseThrow();
            EncodedImage encoded = encoder.encode(image, List.of(censored.box()));
            return new CensoredAgain(encoded.bytes(), sha256(encoded.bytes()), image.info().format().contentType(),
                    censored, image.width(), image.height());
        }
    }

    /**
     * A censored copy with one more region censored.
     *
     * @param censored the region censored: the box asked for, padded as its category is and cut to the image
     */
    public record CensoredAgain(byte[] bytes, String sha256, String contentType, Region censored, int width,
            int height) {
    }

    /** The regions the policy censors among {@code found} (padded, cut to the image); what evaluate measures. */
    public List<Region> regionsToCensor(List<Region> found, int width, int height) {
        return policy.regionsToCensor(found, width, height);
    }

    /** The configured minimum scores. */
    public Thresholds configured() {
        return finder.configured();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
