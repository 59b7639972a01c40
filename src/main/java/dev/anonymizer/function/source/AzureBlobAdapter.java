package dev.anonymizer.function.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.anonymizer.storage.ObjectName;

/**
 * Azure Event Grid {@code Microsoft.Storage.BlobCreated}: data {@code url}
 * ({@code https://<account>.blob.core.windows.net/<container>/<blob path, URL-encoded>}) gives bucket = container and
 * key = the decoded blob path; {@code eTag} is passed on.
 */
public final class AzureBlobAdapter {

    private static final String WHAT = "Azure BlobCreated event";

    private AzureBlobAdapter() {
    }

    /** Maps the event's data. */
    public static StorageNotification map(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(WHAT + ": the data must be a JSON object with 'url'");
        }
        // Data Lake (hierarchical namespace) uploads raise BlobCreated twice: CreateFile makes an empty file,
        // FlushWithClose commits the content. Only the second names an image.
        if ("CreateFile".equals(Fields.optionalText(data, "api", WHAT))) {
            return StorageNotification.ignored(IgnoredReason.NOT_COMMITTED_YET);
        }
        String url = Fields.text(data, "url", WHAT);
        String rawPath;
        try {
            rawPath = new URI(url).getRawPath();
        } catch (URISyntaxException e) {
            throw new InvalidEventException(WHAT + ": 'url' is not a URL: " + url);
        }
        // "/<container>/<blob path>"
        int slash = rawPath == null ? -1 : rawPath.indexOf('/', 1);
        if (slash < 0 || slash == rawPath.length() - 1) {
            throw new InvalidEventException(WHAT + ": 'url' must be https://<account>.blob.core.windows.net/"
                    + "<container>/<blob>, got " + url);
        }
        String container = Fields.pathDecode(rawPath.substring(1, slash), WHAT + " container");
        String blob = Fields.pathDecode(rawPath.substring(slash + 1), WHAT + " blob path");
        if (Fields.isFolderMarker(blob)) {
            return StorageNotification.ignored(IgnoredReason.FOLDER_MARKER);
        }
        String etag = Fields.unquote(Fields.optionalText(data, "eTag", WHAT));
        return StorageNotification.of(List.of(new ObjectName(container, blob, etag)), IgnoredReason.NOT_A_CREATE_EVENT);
    }
}
