package dev.anonymizer.reviewpage;

import java.util.List;

/** What the page's script posts. */
final class ReviewRequests {

    private ReviewRequests() {
    }

    /** Release a held photo as it is. */
    record Release(String id) {
    }

    /**
     * Censor a box, then release.
     *
     * @param box x, y, width, height in pixels of the upright image
     */
    record Censor(String id, String category, List<Double> box) {
    }
}
