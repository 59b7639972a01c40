package dev.anonymizer.backfill;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a backfill gets its objects anonymized. */
public enum BackfillMode {
    /** This process runs every object through the pipeline. */
    PROCESS,
    /** This process publishes one {@code dev.anonymizer.image.stored} event per object to the sink. */
    PUBLISH;

    /** The lower-case name used in events and on the command line. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code process} or {@code publish} (any case). */
    public static BackfillMode parse(String s) {
        for (BackfillMode m : values()) {
            if (m.key().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode: expected 'process' or 'publish', got '" + s + "'");
    }
}
