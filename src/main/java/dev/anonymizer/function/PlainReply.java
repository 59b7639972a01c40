package dev.anonymizer.function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reply event as plain JSON, for callers that POST plain JSON (a storage webhook): its type, source, subject (left
 * out when it has none) and data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlainReply(String type, String source, String subject, ReplyData data) {
}
