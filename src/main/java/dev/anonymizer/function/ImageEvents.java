package dev.anonymizer.function;

import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.storage.ObjectName;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/**
 * Entry point for our own {@code dev.anonymizer.image.stored} events: maps the event to an object reference and
 * delegates to the pipeline. Storage faults propagate as HTTP 500, so Knative retries.
 */
public class ImageEvents {

    private final AnonymizationPipeline pipeline;
    private final Replies replies;

    public ImageEvents(AnonymizationPipeline pipeline, Replies replies) {
        this.pipeline = pipeline;
        this.replies = replies;
    }

    @Funq("imageStored")
    @CloudEventMapping(trigger = EventTypes.IMAGE_STORED)
    public CloudEvent<ReplyData> imageStored(ImageStoredData data) {
        if (data == null || isBlank(data.bucket()) || isBlank(data.key())) {
            return replies.invalid("a " + EventTypes.IMAGE_STORED + " event needs data with 'bucket' and 'key'");
        }
        return replies.of(pipeline.process(new ObjectName(data.bucket(), data.key(), data.etag())));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
