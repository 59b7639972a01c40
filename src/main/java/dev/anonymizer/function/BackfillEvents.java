package dev.anonymizer.function;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.anonymizer.backfill.BackfillMode;
import dev.anonymizer.backfill.BackfillRequest;
import dev.anonymizer.backfill.BackfillService;
import dev.anonymizer.config.EventsConfig;
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
    public CloudEvent<ReplyData> backfillRequested(BackfillRequestedData data) {
        if (data == null || data.bucket() == null || data.bucket().isBlank()) {
            return rejected("a " + EventTypes.BACKFILL_REQUESTED + " event needs data with 'bucket'");
        }
        BackfillRequest request;
        try {
            Optional<BackfillMode> mode = data.mode() == null || data.mode().isBlank() ? Optional.empty()
                    : Optional.of(BackfillMode.parse(data.mode()));
            request = backfill.request(data.bucket(), data.prefix(), mode, Optional.empty(), OptionalInt.empty(),
                    OptionalLong.empty(), Boolean.TRUE.equals(data.stale()));
        } catch (IllegalArgumentException e) {
            return rejected(e.getMessage());
        }
        BackfillService.Started started = backfill.start(request);
        ReplyData reply = new ReplyData.BackfillAccepted(
                started.alreadyRunning() ? BackfillStart.ALREADY_RUNNING : BackfillStart.ACCEPTED, request.bucket(),
                request.prefix(), request.mode(), started.found(),
                request.maxObjects() > 0 ? request.maxObjects() : null, request.stale() ? Boolean.TRUE : null);
        return CloudEventBuilder.create().type(EventTypes.BACKFILL_ACCEPTED).source(events.source())
                .subject(request.where()).build(reply);
    }

    private CloudEvent<ReplyData> rejected(String message) {
        return CloudEventBuilder.create().type(EventTypes.BACKFILL_REJECTED).source(events.source())
                .build(new ReplyData.Invalid(message));
    }
}
