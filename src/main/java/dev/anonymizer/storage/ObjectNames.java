package dev.anonymizer.storage;

/**
 * The rules every store shares for bucket and key names, checked once, where an {@link ObjectRef} is made: an event naming {@code ../../etc/hostname}, bucket {@code ..} or {@code /etc/passwd} is
 * refused the same way for the local store and for S3 (where such keys are legal strings but would be read, and
 * written, somewhere nobody meant). Each store adds only the refusals of its own on top (the local store: buckets
 * starting with a dot; S3: its bucket naming rules and key length).
 */
final class ObjectNames {

    private ObjectNames() {
    }

    /** Throws {@link InvalidObjectNameException} naming what is wrong. */
    static void check(String bucket, String key) {
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new InvalidObjectNameException("bucket and key must not be empty");
        }
        checkBucket(bucket);
        if (key.startsWith("/") || key.startsWith("\\")) {
            throw new InvalidObjectNameException("key '" + printable(key) + "' is absolute");
        }
        if (hasControl(key)) {
            throw new InvalidObjectNameException("key '" + printable(key) + "' contains control characters");
        }
        for (String segment : key.split("[/\\\\]", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidObjectNameException("key '" + printable(key) + "' has a '" + segment
                        + "' segment: it would leave its folder or bucket");
            }
        }
    }

    private static void checkBucket(String bucket) {
        if (bucket.equals(".") || bucket.equals("..") || bucket.contains("/") || bucket.contains("\\")
                || hasControl(bucket)) {
            throw new InvalidObjectNameException("invalid bucket name '" + printable(bucket) + "'");
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** The name as it can go into a message and a log line: control characters shown as '?'. */
    private static String printable(String s) {
        return s.chars().map(c -> c < 0x20 || c == 0x7F ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
