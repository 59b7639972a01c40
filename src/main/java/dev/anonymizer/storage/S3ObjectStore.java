package dev.anonymizer.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Any S3-compatible server (AWS S3, MinIO, Ceph RGW, S3Proxy, ...) through the client configured by
 * {@code quarkus.s3.*} (see docs/storage.md).
 * <p>
 * Faults are sorted so that no event is lost: a missing object or bucket is {@link ObjectNotFoundException} (the
 * event is answered and not retried); connection failures, time-outs, throttling and 5xx answers, and a body cut
 * short are {@link StorageUnavailableException} (HTTP 500 from the function, so Knative redelivers the event).
 */
public final class S3ObjectStore implements ObjectStore {

    /** Java arrays cannot hold more; an object this large is refused instead of failing half-way through. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16L;

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    /** S3's bucket naming rules (also MinIO's and Ceph's defaults): 3-63 lower-case letters, digits, dots, hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    /** S3 keys are at most this many bytes of UTF-8. */
    private static final int MAX_KEY_BYTES = 1024;

    /**
     * Refuses ({@link InvalidObjectNameException}) the names S3 refuses beyond the rules every store shares (which the
     * {@link ObjectRef} checked when it was made), before a request is sent: servers answer some of them with a 404
     * and others with a 400 that would read as a fault.
     */
    static void refuseS3Names(ObjectRef ref) {
        refuseS3Bucket(ref.bucket());
        if (ref.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidObjectNameException("the key has more than S3's " + MAX_KEY_BYTES + " bytes");
        }
    }

    private static void refuseS3Bucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw new InvalidObjectNameException("bucket name '" + bucket + "' breaks S3's naming rules (3 to 63 "
                    + "lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit)");
        }
    }

    /** Name refusals a server reports itself (error codes of S3's API). */
    private static boolean refusesName(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "InvalidBucketName".equals(code) || "KeyTooLongError".equals(code);
    }

    @Override
    public StoredObject get(ObjectRef ref, long maxBytes) {
        refuseS3Names(ref);
        // Streamed: the body is read once, straight into an array sized from Content-Length, so a large photo is
        // held once (getObjectAsBytes would buffer it and copy it again) and an oversized one is never read at all.
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()))) {
            GetObjectResponse r = in.response();
            long length = r.contentLength() == null ? -1 : r.contentLength();
            long limit = Math.min(maxBytes, MAX_ARRAY);
            if (length > limit) {
                // closing the stream without reading aborts the transfer
                in.abort();
                throw new ObjectTooLargeException(ref, length, limit);
            }
            byte[] bytes = length >= 0 ? readExactly(in, (int) length, ref) : readUnknownLength(in, limit, ref);
            return new StoredObject(ref, bytes, r.contentType(), unquote(r.eTag()), decodeMetadata(r.metadata()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ObjectNotFoundException(ref);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFoundException(ref);
            }
            if (refusesName(e)) {
                throw new InvalidObjectNameException("the S3 server refuses the name " + ref, e);
            }
            throw unavailable("reading " + ref, e);
        } catch (SdkException e) {
            throw unavailable("reading " + ref, e);
        } catch (IOException e) {
            // the connection broke while the body was read: a storage fault, not a truncated image
            throw new StorageUnavailableException("S3 store failed reading " + ref + ": " + e.getMessage(), e);
        }
    }

    /** Reads exactly {@code length} bytes; fewer means the transfer was cut short, which is retried. */
    private static byte[] readExactly(InputStream in, int length, ObjectRef ref) throws IOException {
        byte[] bytes = new byte[length];
        int n = in.readNBytes(bytes, 0, length);
        if (n < length) {
            throw new IOException("the body ended after " + n + " of " + length + " bytes of " + ref);
        }
        return bytes;
    }

    /** Servers that answer without Content-Length (chunked): read with the limit enforced as bytes arrive. */
    private static byte[] readUnknownLength(InputStream in, long limit, ObjectRef ref) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(limit + 1, MAX_ARRAY));
        if (bytes.length > limit) {
            throw new ObjectTooLargeException(ref, bytes.length, limit);
        }
        return bytes;
    }

    @Override
    public Optional<ObjectHead> head(ObjectRef ref) {
        refuseS3Names(ref);
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(ref.bucket()).key(ref.key()));
            return Optional.of(new ObjectHead(unquote(r.eTag()), r.contentLength() == null ? -1 : r.contentLength(),
                    decodeMetadata(r.metadata())));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD answers carry no error body, so a missing key is only a bare 404
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("reading " + ref, e);
        } catch (SdkException e) {
            throw unavailable("reading " + ref, e);
        }
    }

    @Override
    public void put(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
        refuseS3Names(ref);
        try {
            s3.putObject(b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType)
                    .metadata(encodeMetadata(metadata)), RequestBody.fromBytes(bytes));
        } catch (NoSuchBucketException e) {
            // retried, not dropped: the operator can create the bucket and the redelivered event then succeeds
            throw new StorageUnavailableException("output bucket '" + ref.bucket() + "' does not exist", e);
        } catch (S3Exception e) {
            if (refusesName(e)) {
                throw new InvalidObjectNameException("the S3 server refuses the name " + ref, e);
            }
            throw unavailable("writing " + ref, e);
        } catch (SdkException e) {
            throw unavailable("writing " + ref, e);
        }
    }

    /**
     * S3's conditional write ({@code If-None-Match: *}): the server refuses with 412 (or 409 while another conditional
     * write of the name is in flight) when the name is taken.
     */
    @Override
    public boolean putIfAbsent(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
        refuseS3Names(ref);
        try {
            s3.putObject(b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType).ifNoneMatch("*")
                    .metadata(encodeMetadata(metadata)), RequestBody.fromBytes(bytes));
            return true;
        } catch (NoSuchBucketException e) {
            throw new StorageUnavailableException("bucket '" + ref.bucket() + "' does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw unavailable("writing " + ref, e);
        } catch (SdkException e) {
            throw unavailable("writing " + ref, e);
        }
    }

    @Override
    public void delete(ObjectRef ref) {
        refuseS3Names(ref);
        try {
            s3.deleteObject(b -> b.bucket(ref.bucket()).key(ref.key()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            // already gone: what a delete wants
        } catch (SdkException e) {
            throw unavailable("deleting " + ref, e);
        }
    }

    @Override
    public void list(String bucket, String prefix, Consumer<ObjectName> each) {
        refuseS3Bucket(bucket);
        try {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
                each.accept(new ObjectName(bucket, o.key(), null));
            }
        } catch (SdkException e) {
            throw unavailable("listing " + bucket, e);
        }
    }

    @Override
    public void checkReachable() {
        try {
            s3.listBuckets();
        } catch (SdkException e) {
            throw unavailable("listing buckets", e);
        }
    }

    /** Endpoint and region only: credentials (and any user-info in the endpoint URL) are never printed. */
    @Override
    public String describe() {
        var conf = s3.serviceClientConfiguration();
        String endpoint = conf.endpointOverride().map(S3ObjectStore::withoutUserInfo).orElse("default endpoint");
        String region = conf.region() == null ? "no region" : conf.region().id();
        return "S3 at " + endpoint + " (" + region + ")";
    }

    static String withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * Every client-side fault (connection refused, time-outs, a broken transfer) and every server answer other than
     * 404 (5xx, throttling, 403 from rotated credentials) is retryable from the event's point of view.
     */
    private static StorageUnavailableException unavailable(String what, SdkException e) {
        String detail = e instanceof S3Exception s3e
                ? "HTTP " + s3e.statusCode() + " " + (s3e.awsErrorDetails() == null ? "" : s3e.awsErrorDetails().errorCode())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new StorageUnavailableException("S3 store failed " + what + ": " + detail, e);
    }

    /**
     * User metadata travels in HTTP headers, which carry ASCII only: a non-ASCII value (an object key like
     * "Straße.jpg" in the source metadata) would be mangled and break the request signature (403 on every retry).
     * Such values are RFC 2047 encoded ({@code =?UTF-8?B?...?=}), the form S3 itself uses for them.
     */
    static Map<String, String> encodeMetadata(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> out.put(k, isPrintableAscii(v) ? v
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) + "?="));
        return out;
    }

    static Map<String, String> decodeMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> out.put(k, decodeValue(v)));
        return out;
    }

    private static String decodeValue(String v) {
        if (v != null && v.startsWith("=?UTF-8?B?") && v.endsWith("?=")) {
            try {
                return new String(Base64.getDecoder().decode(v.substring(10, v.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return v;
            }
        }
        return v;
    }

    private static boolean isPrintableAscii(String v) {
        return v.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
