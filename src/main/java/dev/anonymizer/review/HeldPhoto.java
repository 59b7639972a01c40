package dev.anonymizer.review;

import java.util.List;

/**
 * A photo waiting for a person, as the review page and {@code review list} show it: its id ({@code <output
 * bucket>/<output key>}), whether it is {@code held} (hold mode: in the review area) or {@code flagged} (flag mode: in
 * the output already), the input it was made from, when it was held and its doubts (boxes x1, y1, x2, y2 in pixels of
 * the upright image, as the audit record names them).
 *
 * @param input  {@code bucket/key} of the original; null when the held photo has no audit record
 * @param heldAt when the photo was processed and held (ISO-8601); null without an audit record
 */
public record HeldPhoto(String id, String state, String input, String heldAt, List<Doubt> doubts) {

    /** Held in the review area (hold mode). */
    public static final String HELD = "held";
    /** In the output, flagged for a look (flag mode). */
    public static final String FLAGGED = "flagged";

    /** One doubt of the audit record; {@code score} absent for doubts without one. */
    public record Doubt(String kind, List<Double> box, Double score) {
    }
}
