package dev.anonymizer.function;

import com.fasterxml.jackson.annotation.JsonValue;

/** The status of an accepted backfill request. Stable codes: they appear in replies. */
public enum BackfillStart {
    /** Started now. */
    ACCEPTED("accepted"),
    /** The same bucket and prefix were being backfilled already: nothing new started. */
    ALREADY_RUNNING("already-running");

    private final String code;

    BackfillStart(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
