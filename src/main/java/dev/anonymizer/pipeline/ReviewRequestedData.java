package dev.anonymizer.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of a {@code dev.anonymizer.image.review-requested} event: which object, where its censored copy and its
 * audit record are, and the doubts (as in the audit record). The field set is held by {@code DocumentShapesTest}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewRequestedData(Location input, Location output, Location audit,
        List<AuditDocument.DoubtEntry> doubts) {

    /** An object: bucket and key, and the ETag where the input's is known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String bucket, String key, String etag) {
    }
}
