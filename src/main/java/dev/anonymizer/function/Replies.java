package dev.anonymizer.function;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.function.source.IgnoredReason;
import dev.anonymizer.imaging.RejectionReason;
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
        CloudEventBuilder builder = CloudEventBuilder.create().type(type).source(events.source());
        // an invalid key names no object, and may not even fit in a header (ce-subject): it stays in the data only
        boolean invalid = o instanceof Outcome.Rejected r && r.reason() == RejectionReason.INVALID_EVENT;
        return (invalid ? builder : builder.subject(o.input().key())).build(data(o));
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
    public CloudEvent<Map<String, Object>> ignored(IgnoredReason reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", Outcome.Status.SKIPPED.key());
        data.put("reason", reason.code());
        return CloudEventBuilder.create().type(EventTypes.IMAGE_SKIPPED).source(events.source()).build(data);
    }

    /** An event whose data cannot name an object (missing or wrong fields). */
    public CloudEvent<Map<String, Object>> invalid(String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", Outcome.Status.REJECTED.key());
        data.put("reason", RejectionReason.INVALID_EVENT.code());
        data.put("message", message);
        return CloudEventBuilder.create().type(EventTypes.IMAGE_REJECTED).source(events.source()).build(data);
    }

    static Map<String, Object> data(Outcome o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", o.status().key());
        d.put("input", ref(o.input(), true));
        if (o instanceof Outcome.Anonymized a) {
            d.put("output", ref(a.output(), false));
            if (a.audit() != null) {
                d.put("audit", ref(a.audit(), false));
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            a.image().counts().forEach((c, n) -> counts.put(c.key(), n));
            d.put("regions", counts);
            d.put("censored", a.image().censored().size());
            d.put("metadataRemoved", a.image().info().metadata());
            d.put("timingsMs", a.timingsMs());
        } else if (o instanceof Outcome.Rejected r) {
            d.put("reason", r.reason().code());
            d.put("message", r.message());
        } else if (o instanceof Outcome.Skipped s) {
            if (s.output() != null) {
                d.put("output", ref(s.output(), false));
            }
            d.put("reason", s.reason().code());
            d.put("message", s.message());
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
