package dev.anonymizer.storage;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Any S3-compatible server (AWS S3, MinIO, Ceph RGW, ...) through the client configured by {@code quarkus.s3.*}.
 * Missing objects are {@link ObjectNotFoundException}; connection failures, time-outs and 5xx answers are
 * {@link StorageUnavailableException} (retried by Knative).
 */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public StoredObject get(ObjectRef ref) {
        try {
            GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key());
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(req.build());
            GetObjectResponse r = bytes.response();
            // asByteArrayUnsafe: the response buffer is not copied a second time
            return new StoredObject(ref, bytes.asByteArrayUnsafe(), r.contentType(), unquote(r.eTag()),
                    r.metadata() == null ? Map.of() : r.metadata());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ObjectNotFoundException(ref);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFoundException(ref);
            }
            throw unavailable("reading " + ref, e);
        } catch (SdkClientException e) {
            throw unavailable("reading " + ref, e);
        }
    }

    @Override
    public Optional<ObjectHead> head(String bucket, String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectHead(unquote(r.eTag()), r.contentLength() == null ? -1 : r.contentLength(),
                    r.metadata() == null ? Map.of() : r.metadata()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("reading " + bucket + "/" + key, e);
        } catch (SdkClientException e) {
            throw unavailable("reading " + bucket + "/" + key, e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                    RequestBody.fromBytes(bytes));
        } catch (NoSuchBucketException e) {
            throw new StorageUnavailableException("output bucket '" + bucket + "' does not exist", e);
        } catch (S3Exception | SdkClientException e) {
            throw unavailable("writing " + bucket + "/" + key, e);
        }
    }

    @Override
    public void list(String bucket, String prefix, Consumer<String> each) {
        try {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
                each.accept(o.key());
            }
        } catch (S3Exception | SdkClientException e) {
            throw unavailable("listing " + bucket, e);
        }
    }

    @Override
    public void checkReachable() {
        try {
            s3.listBuckets();
        } catch (S3Exception | SdkClientException e) {
            throw unavailable("listing buckets", e);
        }
    }

    @Override
    public String describe() {
        return "S3 at " + s3.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse("default endpoint");
    }

    private static StorageUnavailableException unavailable(String what, Exception e) {
        return new StorageUnavailableException("S3 store failed " + what + ": " + e.getMessage(), e);
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
