package dev.anonymizer.function;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.function.source.AzureBlobAdapter;
import dev.anonymizer.function.source.EventBridgeAdapter;
import dev.anonymizer.function.source.GcsAdapter;
import dev.anonymizer.function.source.InvalidEventException;
import dev.anonymizer.function.source.S3NotificationAdapter;
import dev.anonymizer.function.source.StorageNotification;
import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.storage.ObjectName;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/**
 * Entry points for the notifications storage systems send. Each maps its format to object references (one adapter
 * per format in {@code function.source}) and hands every object to the pipeline; nothing else happens here.
 * <p>
 * Answers: one outcome per created object ({@code images.processed} when there are several); {@code skipped} for
 * deletes and other non-creations (HTTP 200, so they are not redelivered); {@code rejected}/{@code invalid-event} for
 * data that names no object. A storage fault propagates as HTTP 500, so Knative redelivers the whole event; records
 * already done are then skipped as {@code already-anonymized}.
 */
public class StorageNotificationEvents {

    private final AnonymizationPipeline pipeline;
    private final Replies replies;
    private final ObjectMapper json;

    public StorageNotificationEvents(AnonymizationPipeline pipeline, Replies replies, ObjectMapper json) {
        this.pipeline = pipeline;
        this.replies = replies;
        this.json = json;
    }

    /**
     * S3 event notifications (AWS S3, MinIO, Ceph RGW) POSTed as plain JSON to {@code /s3Notification} by a webhook.
     * Taken as a JSON tree so that a payload of the wrong shape gets an {@code invalid-event} answer, not a bare 400.
     * The answer is the reply event as plain JSON ({@code type}, {@code source}, {@code subject}, {@code data}):
     * Funqy refuses plain HTTP for functions that return a CloudEvent, hence also the separate Kafka entry point.
     */
    @Funq("s3Notification")
    public PlainReply s3Notification(JsonNode notification) {
        CloudEvent<ReplyData> reply = handle(S3NotificationAdapter::map, notification);
        return new PlainReply(reply.type(), reply.source(), reply.subject(), reply.data());
    }

    /**
     * The same notifications put on a Kafka topic (MinIO's and Ceph's Kafka targets) and wrapped by a Knative
     * KafkaSource: CloudEvent {@code dev.knative.kafka.event} whose data is the notification.
     */
    @Funq("kafkaS3Notification")
    @CloudEventMapping(trigger = EventTypes.KAFKA_EVENT)
    public CloudEvent<ReplyData> kafkaS3Notification(byte[] data) {
        return handle(S3NotificationAdapter::map, parse(data));
    }

    // The CloudEvent triggers take the data as bytes: Funqy parses JSON data only when the event declares
    // datacontenttype application/json, and Event Grid's CloudEvents and Kafka records without a content-type
    // header leave it out; bytes arrive whatever the declared type, and are parsed here.

    /** AWS EventBridge "Object Created" as CloudEvent {@code aws.s3.object.created}. */
    @Funq("awsS3ObjectCreated")
    @CloudEventMapping(trigger = EventTypes.AWS_S3_OBJECT_CREATED)
    public CloudEvent<ReplyData> awsS3ObjectCreated(byte[] data) {
        return handle(EventBridgeAdapter::map, parse(data));
    }

    /** Google Cloud Storage via Eventarc: {@code google.cloud.storage.object.v1.finalized}. */
    @Funq("gcsObjectFinalized")
    @CloudEventMapping(trigger = EventTypes.GCS_OBJECT_FINALIZED)
    public CloudEvent<ReplyData> gcsObjectFinalized(byte[] data) {
        return handle(GcsAdapter::map, parse(data));
    }

    /** Azure Event Grid: {@code Microsoft.Storage.BlobCreated}. */
    @Funq("azureBlobCreated")
    @CloudEventMapping(trigger = EventTypes.AZURE_BLOB_CREATED)
    public CloudEvent<ReplyData> azureBlobCreated(byte[] data) {
        return handle(AzureBlobAdapter::map, parse(data));
    }

    private CloudEvent<ReplyData> handle(Function<JsonNode, StorageNotification> adapter, JsonNode data) {
        StorageNotification notification;
        try {
            notification = adapter.apply(data);
        } catch (InvalidEventException e) {
            return replies.invalid(e.getMessage());
        }
        if (notification.isIgnored()) {
            return replies.ignored(notification.ignoredReason());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ObjectName ref : notification.objects()) {
            outcomes.add(pipeline.process(ref));
        }
        return replies.of(outcomes);
    }

    /** Null when the bytes are not JSON, which every adapter answers as an invalid event. */
    private JsonNode parse(byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            return json.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
