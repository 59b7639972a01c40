package dev.anonymizer.pipeline;

import java.util.List;
import java.util.Map;

import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.imaging.ImageInfo;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;

/**
 * What the core made of one image: the censored bytes (same format, no metadata but the ICC profile), what was found
 * and what was censored (boxes in pixels of the upright image), the facts the audit record needs, and the time of
 * each step (decode, detect, detect.&lt;detector&gt;, censor, encode).
 *
 * @param width  width of the upright image (the boxes' space); the stored one's when no EXIF rotation applied
 * @param height height of the upright image
 */
public record AnonymizedImage(byte[] bytes, ImageInfo info, int width, int height, List<Region> found,
        List<Region> censored, Facts facts, Map<String, Long> timingsMs) {

    /**
     * What the audit records beside the boxes: both sides' SHA-256 and size, the models that decided with their
     * checksums and licences, the thresholds used and whether the colour profile was kept.
     */
    public record Facts(String inputSha256, long inputBytes, String outputSha256, List<ModelDescriptor> models,
            Map<String, Double> thresholds, boolean iccProfileKept) {
    }

    /** Regions found per category. */
    public Map<Category, Integer> counts() {
        return Regions.countByCategory(found);
    }
}
