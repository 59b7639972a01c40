package dev.anonymizer.review;

import java.util.List;

/**
 * A photo waiting in the review area, as the review page and {@code review list} show it: its id ({@code <output
 * bucket>/<output key>}), the input it was made from, when it was held and the doubts that held it (boxes x1, y1, x2,
 * y2 in pixels of the upright image, as the audit record names them).
 *
 * @param input  {@code bucket/key} of the original; null when the held photo has no audit record
 * @param heldAt when the photo was processed and held (ISO-8601); null without an audit record
 */
public record HeldPhoto(String id, String input, String heldAt, List<Doubt> doubts) {

    /** One doubt of the audit record; {@code score} absent for doubts without one. */
    public record Doubt(String kind, List<Double> box, Double score) {
    }
}
