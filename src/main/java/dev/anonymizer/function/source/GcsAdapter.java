package dev.anonymizer.function.source;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.anonymizer.storage.ObjectName;

/**
 * Google Cloud Storage "object finalized" events via Eventarc (CloudEvent type
 * {@code google.cloud.storage.object.v1.finalized}): data {@code bucket}, {@code name} (not URL-encoded),
 * {@code md5Hash}, {@code etag}, {@code generation}.
 */
public final class GcsAdapter {

    private static final String WHAT = "GCS object event";

    private GcsAdapter() {
    }

    /** Maps the event's data (a StorageObjectData). */
    public static StorageNotification map(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(WHAT + ": the data must be a JSON object with 'bucket' and 'name'");
        }
        String bucket = Fields.text(data, "bucket", WHAT);
        String key = Fields.text(data, "name", WHAT);
        if (Fields.isFolderMarker(key)) {
            return StorageNotification.ignored(IgnoredReason.FOLDER_MARKER);
        }
        return StorageNotification.of(List.of(new ObjectName(bucket, key, etag(data))), IgnoredReason.NOT_A_CREATE_EVENT);
    }

    /**
     * GCS's own {@code etag} is opaque and differs from the ETag its S3-compatible (XML) API reports, which for
     * non-composite objects is the hex MD5. So {@code md5Hash} (base64) is turned into that form when present, and a
     * redelivery is then recognised before the object is read; otherwise the pipeline compares after reading.
     */
    static String etag(JsonNode data) {
        String md5 = Fields.optionalText(data, "md5Hash", WHAT);
        if (md5 != null) {
            try {
                return HexFormat.of().formatHex(Base64.getDecoder().decode(md5));
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(WHAT + ": 'md5Hash' is not base64: " + md5);
            }
        }
        return Fields.optionalText(data, "etag", WHAT);
    }
}
