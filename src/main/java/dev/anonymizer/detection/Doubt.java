package dev.anonymizer.detection;

import java.util.OptionalDouble;

import dev.anonymizer.region.Box;

/**
 * One thing the function is unsure about in a photo: the rule that raised it, where (pixels of the upright image) and,
 * where the rule has one, the score it rests on (the face's score, the vehicle's or person's score).
 */
public record Doubt(DoubtKind kind, Box box, OptionalDouble score) {

    /** A doubt resting on a find's score. */
    public static Doubt scored(DoubtKind kind, Box box, double score) {
        return new Doubt(kind, box, OptionalDouble.of(score));
    }

    /** A doubt with no score (an area the search did not cover). */
    public static Doubt unscored(DoubtKind kind, Box box) {
        return new Doubt(kind, box, OptionalDouble.empty());
    }
}
