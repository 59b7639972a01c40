package dev.anonymizer.pipeline;

import java.util.List;
import java.util.Map;

import dev.anonymizer.detection.Doubt;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.imaging.ImageInfo;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;

/**
 * What the core made of one image: the censored bytes (same format, no metadata but the ICC profile), what was found
 * and what was censored (boxes in pixels of the upright image), the facts the audit record needs, the time of
 * each of the core's steps, and the search plans that were run.
 *
 * @param doubts  what the core is unsure about (empty when review is off), in pixels of the upright image
 * @param budgets per detector, the model input the image was allowed and spent, and what it left uncovered
 * @param jpeg   for a JPEG, how it was written (only the censored blocks, or re-encoded and why); null otherwise
 * @param width  width of the upright image (the boxes' space); the stored one's when no EXIF rotation applied
 * @param height height of the upright image
 */
public record AnonymizedImage(byte[] bytes, ImageInfo info, int width, int height, List<Region> found,
        List<Region> censored, List<Doubt> doubts, List<SearchPlan> plans, List<PersonalDataFinder.BudgetReport> budgets, JpegReport jpeg,
        Facts facts, StepTimings timingsMs) {

    /**
     * What the image itself tells the audit record beside the boxes: both sides' SHA-256 and size, the minimum scores
     * used and whether the colour profile was kept.
     */
    public record Facts(String inputSha256, long inputBytes, String outputSha256, PersonalDataFinder.Thresholds thresholds,
            boolean iccProfileKept) {
    }

    /** Time of each detector (ms) by its name: {@code objects}, {@code faces}, {@code text}. */
    public Map<String, Long> detectorMillis() {
        return timingsMs.detectorMillis();
    }

    /** Whether the core named any doubt: the photo asks for a person's review. */
    public boolean doubtful() {
        return !doubts.isEmpty();
    }

    /** Regions found per category. */
    public Map<Category, Integer> counts() {
        return Regions.countByCategory(found);
    }
}
