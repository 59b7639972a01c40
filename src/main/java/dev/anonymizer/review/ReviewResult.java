package dev.anonymizer.review;

import dev.anonymizer.storage.ObjectRef;

/** What a reviewer's release (with or without a box censored first) came to. */
public sealed interface ReviewResult {

    /**
     * The photo is in the output now, its audit record beside it naming the actions.
     *
     * @param flagged a flagged photo (flag mode), which was in the output already: reviewed rather than released
     */
    record Released(String id, ObjectRef output, String by, boolean flagged) implements ReviewResult {
    }

    /**
     * Someone released it already, or is releasing it right now (two reviewers at once): nothing was changed.
     *
     * @param by who released it (or holds the release under way)
     */
    record AlreadyReleased(String id, String by, String at) implements ReviewResult {
    }

    /** No photo of this id is held: an id outside the review area, or one never held. */
    record NotHeld(String id) implements ReviewResult {
    }

    /** The request cannot be done as asked (a box outside the image, of zero size); nothing was changed. */
    record Refused(String id, String message) implements ReviewResult {
    }
}
