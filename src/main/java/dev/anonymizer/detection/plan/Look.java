package dev.anonymizer.detection.plan;

/** Why a plan searches where it does: the whole image, or one of the closer looks. */
public enum Look {
    /** The whole image, for every size from the configured minimum up (within the pixel budget). */
    WHOLE_IMAGE,
    /** The upper part of a person box, for faces the whole-image plan did not reach. */
    FACES_IN_PERSON,
    /** A vehicle box, for plates the whole-image plan did not reach. */
    TEXT_IN_VEHICLE,
    /**
     * The whole image at its finest scale, only where a coarser pass saw something too weak to be a find (text-like
     * blobs, weakly scored faces: {@link GuidedFinePass}).
     */
    WHERE_SEEN;

    /** Lower-case, hyphenated name used in audit records. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
