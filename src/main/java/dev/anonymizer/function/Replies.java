package dev.anonymizer.function;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.function.source.IgnoredReason;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.AuditDocument;
import dev.anonymizer.pipeline.Outcome;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/** Maps pipeline outcomes to reply CloudEvents. */
@ApplicationScoped
public class Replies {

    private final EventsConfig events;
    private final boolean reviewOn;

    public Replies(EventsConfig events, ReviewConfig review) {
        this.events = events;
        this.reviewOn = review.mode().findsDoubts();
    }

    /** One outcome: {@code anonymized}, {@code rejected} or {@code skipped}, typed accordingly. */
    public CloudEvent<ReplyData> of(Outcome o) {
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
    public CloudEvent<ReplyData> of(List<Outcome> outcomes) {
        if (outcomes.size() == 1) {
            return of(outcomes.get(0));
        }
        return CloudEventBuilder.create().type(EventTypes.IMAGES_PROCESSED).source(events.source())
                .build(new ReplyData.Results(outcomes.stream().map(this::data).toList()));
    }

    /** A notification that named nothing to process (a delete, a folder): acknowledged with a skip. */
    public CloudEvent<ReplyData> ignored(IgnoredReason reason) {
        return CloudEventBuilder.create().type(EventTypes.IMAGE_SKIPPED).source(events.source())
                .build(new ReplyData.Ignored(Outcome.Status.SKIPPED, reason));
    }

    /** An event whose data cannot name an object (missing or wrong fields). */
    public CloudEvent<ReplyData> invalid(String message) {
        return CloudEventBuilder.create().type(EventTypes.IMAGE_REJECTED).source(events.source())
                .build(new ReplyData.Invalid(message));
    }

    ReplyData data(Outcome o) {
        ReplyData.Location input = ReplyData.Location.of(o.input());
        if (o instanceof Outcome.Anonymized a) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            a.image().counts().forEach((c, n) -> counts.put(c.key(), n));
            return new ReplyData.Anonymized(o.status(), input, ReplyData.Location.at(a.output()),
                    ReplyData.Location.at(a.audit()), counts, a.image().censored().size(),
                    reviewOn ? a.image().doubts().stream().map(AuditDocument.DoubtEntry::of).toList() : null,
                    a.image().info().metadata(), a.timingsMs(), o.elapsedMs());
        }
        if (o instanceof Outcome.Rejected r) {
            return new ReplyData.Rejected(o.status(), input, r.reason(), r.message(), o.elapsedMs());
        }
        Outcome.Skipped s = (Outcome.Skipped) o;
        return new ReplyData.Skipped(o.status(), input, ReplyData.Location.at(s.output()), s.reason(), s.message(),
                o.elapsedMs());
    }
}
