package dev.anonymizer.function.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields from event JSON with messages that name the field and what was wrong with it. */
final class Fields {

    private Fields() {
    }

    /** The object at {@code path} (dot-separated, from {@code root}); {@code what} names the event in messages. */
    static JsonNode object(JsonNode root, String path, String what) {
        JsonNode n = at(root, path, what);
        if (!n.isObject()) {
            throw new InvalidEventException(what + ": '" + path + "' must be an object, got " + n.getNodeType());
        }
        return n;
    }

    /** A required, non-blank string. */
    static String text(JsonNode root, String path, String what) {
        JsonNode n = at(root, path, what);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new InvalidEventException(what + ": '" + path + "' must be a non-empty string, got "
                    + (n.isTextual() ? "\"\"" : n.getNodeType()));
        }
        return n.asText();
    }

    /** An optional string: null when absent or JSON null; other types are refused. */
    static String optionalText(JsonNode root, String path, String what) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidEventException(what + ": '" + path + "' must be a string, got " + n.getNodeType());
        }
        return n.asText().isBlank() ? null : n.asText();
    }

    private static JsonNode at(JsonNode root, String path, String what) {
        JsonNode n = root;
        String seen = "";
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                throw new InvalidEventException(what + ": '" + seen + "' must be an object");
            }
            n = n.get(part);
            seen = seen.isEmpty() ? part : seen + "." + part;
            if (n == null || n.isNull()) {
                throw new InvalidEventException(what + ": '" + seen + "' is missing");
            }
        }
        return n;
    }

    /**
     * Decodes form-style URL encoding ({@code +} = space, {@code %XX} = UTF-8 bytes), as S3 notifications encode
     * object keys. A literal {@code +} in a key arrives as {@code %2B}.
     */
    static String formDecode(String s, String what) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(what + ": '" + s + "' is not valid URL encoding: " + e.getMessage());
        }
    }

    /** Decodes URL path encoding ({@code %XX} = UTF-8 bytes); unlike form encoding, {@code +} stays a plus. */
    static String pathDecode(String s, String what) {
        return formDecode(s.replace("+", "%2B"), what);
    }

    /** ETags are quoted in HTTP headers and some notifications; the store compares them bare. */
    static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    /** Folder markers (keys ending with '/') are created by consoles and hold no image. */
    static boolean isFolderMarker(String key) {
        return key.endsWith("/");
    }
}
