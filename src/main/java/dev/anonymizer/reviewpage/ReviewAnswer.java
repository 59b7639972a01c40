package dev.anonymizer.reviewpage;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.anonymizer.review.ReviewResult;

/**
 * The page's answer to a release or a censored box, as Jackson writes it: {@code status} ({@code released},
 * {@code already-released}, {@code not-held}, {@code refused}, {@code unauthorized}) and what goes with it.
 *
 * @param output {@code bucket/key} the photo was released to
 * @param by     who released it (this reviewer, or the one before)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewAnswer(String status, String id, String output, String by, String at, String message) {

    /** The HTTP status of each result: 200 released, 409 released already, 404 not held, 400 refused. */
    static int httpStatus(ReviewResult r) {
        if (r instanceof ReviewResult.Released) {
            return 200;
        }
        if (r instanceof ReviewResult.AlreadyReleased) {
            return 409;
        }
        if (r instanceof ReviewResult.NotHeld) {
            return 404;
        }
        return 400;
    }

    static ReviewAnswer of(ReviewResult r) {
        if (r instanceof ReviewResult.Released x) {
            return new ReviewAnswer(x.flagged() ? "reviewed" : "released", x.id(), x.output().toString(), x.by(), null,
                    null);
        }
        if (r instanceof ReviewResult.AlreadyReleased x) {
            return new ReviewAnswer("already-released", x.id(), null, x.by(), x.at(),
                    "already released by " + x.by());
        }
        if (r instanceof ReviewResult.NotHeld x) {
            return new ReviewAnswer("not-held", x.id(), null, null, null, "no photo '" + x.id() + "' is held for review");
        }
        ReviewResult.Refused x = (ReviewResult.Refused) r;
        return new ReviewAnswer("refused", x.id(), null, null, null, x.message());
    }

    static ReviewAnswer refused(String id, String message) {
        return new ReviewAnswer("refused", id, null, null, null, message);
    }

    static ReviewAnswer unauthorized() {
        return new ReviewAnswer("unauthorized", null, null, null, null,
                "a reviewer's token is needed (Authorization: Bearer <token>, or sign in on /review)");
    }
}
