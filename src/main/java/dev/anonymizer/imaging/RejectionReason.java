package dev.anonymizer.imaging;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an object was not anonymized. Stable codes: they appear in reply events, audit records and metrics. */
public enum RejectionReason {
    EMPTY_OBJECT("empty-object"),
    NOT_AN_IMAGE("not-an-image"),
    UNSUPPORTED_FORMAT("unsupported-format"),
    TOO_LARGE("too-large"),
    TRUNCATED("truncated"),
    CORRUPT("corrupt"),
    NOT_FOUND("not-found"),
    INVALID_EVENT("invalid-event");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
