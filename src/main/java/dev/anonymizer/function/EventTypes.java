package dev.anonymizer.function;

import dev.anonymizer.backfill.ImageStoredEvent;

/** CloudEvent types in and out. A reply never has the type of a trigger, or Knative would loop. */
public final class EventTypes {

    public static final String IMAGE_STORED = ImageStoredEvent.TYPE;
    public static final String IMAGE_ANONYMIZED = "dev.anonymizer.image.anonymized";
    public static final String IMAGE_REJECTED = "dev.anonymizer.image.rejected";
    public static final String IMAGE_SKIPPED = "dev.anonymizer.image.skipped";
    public static final String IMAGES_PROCESSED = "dev.anonymizer.images.processed";
    public static final String BACKFILL_REQUESTED = "dev.anonymizer.backfill.requested";
    public static final String BACKFILL_ACCEPTED = "dev.anonymizer.backfill.accepted";
    public static final String BACKFILL_REJECTED = "dev.anonymizer.backfill.rejected";

    // Triggers sent by storage systems (see function/source/ for their formats)

    /** A Kafka record wrapped by a Knative KafkaSource; here the S3 notification MinIO or Ceph put on a topic. */
    public static final String KAFKA_EVENT = "dev.knative.kafka.event";
    /** AWS EventBridge "Object Created" for S3, as a CloudEvent. */
    public static final String AWS_S3_OBJECT_CREATED = "aws.s3.object.created";
    /** Google Cloud Storage via Eventarc: an object was written. */
    public static final String GCS_OBJECT_FINALIZED = "google.cloud.storage.object.v1.finalized";
    /** Azure Event Grid: a blob was created or replaced. */
    public static final String AZURE_BLOB_CREATED = "Microsoft.Storage.BlobCreated";

    private EventTypes() {
    }
}
