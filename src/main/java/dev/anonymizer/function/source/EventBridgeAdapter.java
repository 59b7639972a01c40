package dev.anonymizer.function.source;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.anonymizer.storage.ObjectName;

/**
 * AWS EventBridge "Object Created" events ({@code source: aws.s3}, {@code detail-type: Object Created}), delivered as
 * CloudEvent type {@code aws.s3.object.created}: {@code detail.bucket.name}, {@code detail.object.key} and
 * {@code detail.object.etag}. The key is URL-encoded as in S3 notifications. A bridge that forwards only the
 * {@code detail} object is accepted too.
 */
public final class EventBridgeAdapter {

    private static final String WHAT = "EventBridge event";

    private EventBridgeAdapter() {
    }

    /** Maps one event: one object, or ignored when it is not an "Object Created". */
    public static StorageNotification map(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException(WHAT + ": the payload must be a JSON object with 'detail'");
        }
        String detailType = Fields.optionalText(event, "detail-type", WHAT);
        if (detailType != null && !detailType.equals("Object Created")) {
            return StorageNotification.ignored(IgnoredReason.NOT_A_CREATE_EVENT);
        }
        JsonNode detail = event.has("detail") || !event.has("bucket") ? Fields.object(event, "detail", WHAT) : event;
        String bucket = Fields.text(detail, "bucket.name", WHAT + " detail");
        String key = Fields.formDecode(Fields.text(detail, "object.key", WHAT + " detail"), WHAT + " detail.object.key");
        if (Fields.isFolderMarker(key)) {
            return StorageNotification.ignored(IgnoredReason.FOLDER_MARKER);
        }
        String etag = Fields.unquote(Fields.optionalText(detail, "object.etag", WHAT + " detail"));
        return StorageNotification.of(List.of(new ObjectName(bucket, key, etag)), IgnoredReason.NOT_A_CREATE_EVENT);
    }
}
