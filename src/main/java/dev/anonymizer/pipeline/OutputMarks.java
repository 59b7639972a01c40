package dev.anonymizer.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.anonymizer.storage.ObjectHead;

/**
 * The user metadata written on every output object: the marker that keeps the anonymizer from processing its own
 * output, and the source (bucket/key and the ETag read) that lets a redelivered event be skipped without a download.
 */
public final class OutputMarks {

    /** {@code "true"} on every object the anonymizer wrote (censored copies and audit records). */
    public static final String MARKER = "anonymizer-output";
    /** The ETag of the input version a censored copy was made from. */
    public static final String SOURCE_ETAG = "anonymizer-source-etag";
    /** The input's bucket/key. */
    public static final String SOURCE = "anonymizer-source";

    private OutputMarks() {
    }

    /** The metadata of an audit record: the marker only. */
    static Map<String, String> audit() {
        return Map.of(MARKER, "true");
    }

    /**
     * The metadata of a censored copy of {@code from}: the marker, and for an object of the store its bucket/key and
     * the ETag read (where known).
     */
    static Map<String, String> copyOf(Place from) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MARKER, "true");
        if (from instanceof Place.Stored s) {
            meta.put(SOURCE, s.ref().bucket() + "/" + s.ref().key());
            if (s.etag() != null) {
                meta.put(SOURCE_ETAG, s.etag());
            }
        }
        return meta;
    }

    /** True when the metadata marks an object the anonymizer wrote. */
    static boolean isOutput(Map<String, String> metadata) {
        return "true".equals(metadata.get(MARKER));
    }

    /** The source ETag an existing censored copy was made from; null when there is none. */
    static String sourceEtag(ObjectHead head) {
        return head.metadata().get(SOURCE_ETAG);
    }
}
