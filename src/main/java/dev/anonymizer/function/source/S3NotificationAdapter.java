package dev.anonymizer.function.source;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.anonymizer.storage.ObjectName;

/**
 * S3 event notifications as AWS S3, MinIO and Ceph RGW send them: {@code Records[]}, each with {@code eventName}
 * ({@code ObjectCreated:Put} from AWS, {@code s3:ObjectCreated:Put} from MinIO and newer Ceph), {@code s3.bucket.name}
 * and {@code s3.object.key} (form-URL-encoded: {@code +} is a space). MinIO's webhook adds top-level {@code EventName}
 * and {@code Key}, which repeat the record and are not needed. Records that are not creations are left out.
 */
public final class S3NotificationAdapter {

    private static final String WHAT = "S3 notification";

    private S3NotificationAdapter() {
    }

    /** Maps one notification (any number of records). */
    public static StorageNotification map(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException(WHAT + ": the payload must be a JSON object with 'Records'");
        }
        // AWS sends this once when a notification configuration is saved; it names no object
        if ("s3:TestEvent".equals(event.path("Event").asText(null))) {
            return StorageNotification.ignored(IgnoredReason.TEST_EVENT);
        }
        JsonNode records = event.get("Records");
        if (records == null || records.isNull()) {
            throw new InvalidEventException(WHAT + ": 'Records' is missing");
        }
        if (!records.isArray()) {
            throw new InvalidEventException(WHAT + ": 'Records' must be an array, got " + records.getNodeType());
        }
        List<ObjectName> created = new ArrayList<>();
        IgnoredReason ignored = IgnoredReason.NOT_A_CREATE_EVENT;
        for (int i = 0; i < records.size(); i++) {
            String what = WHAT + " Records[" + i + "]";
            JsonNode r = records.get(i);
            if (!r.isObject()) {
                throw new InvalidEventException(what + " must be an object, got " + r.getNodeType());
            }
            if (!isCreated(Fields.text(r, "eventName", what))) {
                continue;
            }
            String bucket = Fields.text(r, "s3.bucket.name", what);
            String key = Fields.formDecode(Fields.text(r, "s3.object.key", what), what + " s3.object.key");
            if (Fields.isFolderMarker(key)) {
                ignored = IgnoredReason.FOLDER_MARKER;
                continue;
            }
            // the ETag lets a redelivery be recognised before the object is read; versionId is not an ETag
            String etag = Fields.unquote(Fields.optionalText(r, "s3.object.eTag", what));
            created.add(new ObjectName(bucket, key, etag));
        }
        return StorageNotification.of(created, ignored);
    }

    /** {@code ObjectCreated:*} with or without the {@code s3:} prefix that MinIO and Ceph put in front. */
    static boolean isCreated(String eventName) {
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        return name.startsWith("ObjectCreated:");
    }
}
