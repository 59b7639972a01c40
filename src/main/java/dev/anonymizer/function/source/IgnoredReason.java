package dev.anonymizer.function.source;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a storage notification is acknowledged without work. Stable codes: they appear in {@code skipped} replies. */
public enum IgnoredReason {
    /** AWS sends one when a notification configuration is saved; it names no object. */
    TEST_EVENT("test-event"),
    /** A delete, a restore, a tag change: nothing new to anonymize. */
    NOT_A_CREATE_EVENT("not-a-create-event"),
    /** A key ending with '/', created by consoles; it holds no image. */
    FOLDER_MARKER("folder-marker"),
    /** Azure: a block blob whose blocks are not committed yet; its commit sends another event. */
    NOT_COMMITTED_YET("not-committed-yet");

    private final String code;

    IgnoredReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
