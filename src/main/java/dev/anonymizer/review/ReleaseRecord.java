package dev.anonymizer.review;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.anonymizer.pipeline.AuditDocument;

/**
 * What the review of one photo did, kept in the review area ({@code released/<id>.json}) after its release: where it
 * came from and went, who released it when, every action, and the boxes a person stood behind by releasing it (the
 * detectors' finds of the censored categories and the reviewer's own boxes), which {@code review export-labels} turns
 * into labels. Written by Jackson; boxes are x1, y1, x2, y2 in pixels of the upright image.
 *
 * @param input {@code bucket} and {@code key} of the original; null when the photo had no audit record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseRecord(int version, String id, Location input, Location output, String releasedBy,
        String releasedAt, List<AuditDocument.ReviewAction> actions, List<Label> labels) {

    /** An object's bucket and key. */
    public record Location(String bucket, String key) {
    }

    /**
     * A box the released photo is known to hold.
     *
     * @param source {@code detector} (found and censored by the pipeline) or {@code reviewer} (drawn by a person)
     */
    public record Label(String label, List<Long> box, String source) {
    }
}
