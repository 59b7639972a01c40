package dev.anonymizer.evaluation;

/**
 * How a labelled box was missed: censored in part (for a plate, typically its characters but not its frame, where a
 * dealer's name or a sticker often is) or not at all (the detector never saw it). The first asks for larger
 * censored regions, the second for a closer search.
 */
public enum MissKind {
    /** Some of the box was censored, less than the share that counts as anonymized. */
    PARTLY_COVERED,
    /** Less than {@link #PARTLY} of the box was censored. */
    NOT_COVERED;

    /** A miss covered at least this share of its box counts as partly covered. */
    public static final double PARTLY = 0.2;

    /** The kind of a miss whose box was covered by {@code covered} (0..1). */
    public static MissKind of(double covered) {
        return covered >= PARTLY ? PARTLY_COVERED : NOT_COVERED;
    }

    /** Lower-case, hyphenated name used in reports. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
