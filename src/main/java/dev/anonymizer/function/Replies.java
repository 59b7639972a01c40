package dev.anonymizer.function;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/** Maps pipeline outcomes to reply CloudEvents. */
@ApplicationScoped
public class Replies {

    private final EventsConfig events;

    public Replies(EventsConfig events) {
        this.events = events;
    }

    /** One outcome: {@code anonymized}, {@code rejected} or {@code skipped}, typed accordingly. */
    public CloudEvent<Map<String, Object>> of(Outcome o) {
        String type = switch (o.status()) {
            case ANONYMIZED -> EventTypes.IMAGE_ANONYMIZED;
            case REJECTED -> EventTypes.IMAGE_REJECTED;
            case SKIPPED -> EventTypes.IMAGE_SKIPPED;
        };
        return CloudEventBuilder.create().type(type).source(events.source()).subject(o.input().key()).build(data(o));
    }

    /** Several outcomes (a notification with several records): one {@code images.processed} event listing each. */
    public CloudEvent<Map<String, Object>> of(List<Outcome> outcomes) {
        if (outcomes.size() == 1) {
            return of(outcomes.get(0));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", outcomes.stream().map(Replies::data).toList());
        return CloudEventBuilder.create().type(EventTypes.IMAGES_PROCESSED).source(events.source()).build(data);
    }

    /** A notification that named nothing to process (a delete, a folder): acknowledged with a skip. */
    public CloudEvent<Map<String, Object>> ignored(String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "skipped");
        data.put("reason", reason);
        return CloudEventBuilder.create().type(EventTypes.IMAGE_SKIPPED).source(events.source()).build(data);
    }

    /** An event whose data cannot name an object (missing or wrong fields). */
    public CloudEvent<Map<String, Object>> invalid(String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "rejected");
        data.put("reason", "invalid-event");
        data.put("message", message);
        return CloudEventBuilder.create().type(EventTypes.IMAGE_REJECTED).source(events.source()).build(data);
    }

    static Map<String, Object> data(Outcome o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", o.status().key());
        d.put("input", ref(o.input(), true));
        if (o.output() != null) {
            d.put("output", ref(o.output(), false));
        }
        if (o.audit() != null) {
            d.put("audit", ref(o.audit(), false));
        }
        if (o.reason() != null) {
            d.put("reason", o.reason());
            d.put("message", o.message());
        }
        if (o.status() == Outcome.Status.ANONYMIZED) {
            d.put("regions", o.counts());
            d.put("censored", o.censored());
            d.put("metadataRemoved", o.metadataRemoved());
            d.put("timingsMs", o.timingsMs());
        }
        d.put("elapsedMs", o.elapsedMs());
        return d;
    }

    private static Map<String, Object> ref(ObjectRef r, boolean withEtag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", r.bucket());
        m.put("key", r.key());
        if (withEtag && r.etag() != null) {
            m.put("etag", r.etag());
        }
        return m;
    }
}
