package dev.anonymizer.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.anonymizer.backfill.BackfillMode;
import dev.anonymizer.backfill.BackfillRequest;
import dev.anonymizer.backfill.BackfillService;
import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/**
 * Entry point for {@code dev.anonymizer.backfill.requested}: maps the event to a backfill request and starts it.
 * <p>
 * The objects are listed before the reply, and the work runs in the background: listing is quick (a thousand keys
 * per request on S3), gives the reply its count, and a storage fault while listing becomes an HTTP 500 that Knative
 * retries instead of a failure nobody sees. The work itself can take hours, far beyond any delivery timeout, so the
 * reply ({@code dev.anonymizer.backfill.accepted}) does not wait for it. The sink URL is never taken from the event.
 */
public class BackfillEvents {

    private final BackfillService backfill;
    private final EventsConfig events;

    public BackfillEvents(BackfillService backfill, EventsConfig events) {
        this.backfill = backfill;
        this.events = events;
    }

    @Funq("backfillRequested")
    @CloudEventMapping(trigger = EventTypes.BACKFILL_REQUESTED)
    public CloudEvent<Map<String, Object>> backfillRequested(BackfillRequestedData data) {
        if (data == null || data.bucket() == null || data.bucket().isBlank()) {
            return rejected("a " + EventTypes.BACKFILL_REQUESTED + " event needs data with 'bucket'");
        }
        BackfillRequest request;
        try {
            Optional<BackfillMode> mode = data.mode() == null || data.mode().isBlank() ? Optional.empty()
                    : Optional.of(BackfillMode.parse(data.mode()));
            request = backfill.request(data.bucket(), data.prefix(), mode, Optional.empty(), OptionalInt.empty(),
                    OptionalLong.empty());
        } catch (IllegalArgumentException e) {
            return rejected(e.getMessage());
        }
        BackfillService.Started started = backfill.start(request);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", started.alreadyRunning() ? "already-running" : "accepted");
        reply.put("bucket", request.bucket());
        reply.put("prefix", request.prefix());
        reply.put("mode", request.mode().key());
        reply.put("found", started.found());
        if (request.maxObjects() > 0) {
            reply.put("maxObjects", request.maxObjects());
        }
        return CloudEventBuilder.create().type(EventTypes.BACKFILL_ACCEPTED).source(events.source())
                .subject(request.where()).build(reply);
    }

    private CloudEvent<Map<String, Object>> rejected(String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", Outcome.Status.REJECTED.key());
        reply.put("reason", RejectionReason.INVALID_EVENT.code());
        reply.put("message", message);
        return CloudEventBuilder.create().type(EventTypes.BACKFILL_REJECTED).source(events.source()).build(reply);
    }
}
