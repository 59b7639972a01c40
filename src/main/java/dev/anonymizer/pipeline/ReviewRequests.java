package dev.anonymizer.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.storage.ObjectRef;

/**
 * Asks for a person's review of a photo with doubts (mode {@code flag} or {@code hold}): counts it
 * ({@code anonymizer_review_requested_total}, {@code anonymizer_doubts_total{kind}}) and POSTs one
 * {@code dev.anonymizer.image.review-requested} CloudEvent (binary mode) to {@code anonymizer.review.sink}. The reply
 * stays the {@code anonymized} event (a Knative reply is one event); this second event goes to the broker the way
 * backfill's events do. A failed POST is retried once, then logged and counted
 * ({@code anonymizer_review_requests_failed_total}): the copy and its audit record, which name the doubts too, are
 * written already, and redoing the image would not make the sink answer.
 */
@ApplicationScoped
public class ReviewRequests {

    /** The event's type. */
    public static final String TYPE = "dev.anonymizer.image.review-requested";
    private static final Logger LOG = Logger.getLogger(ReviewRequests.class);

    private final Optional<URI> sink;
    private final String source;
    private final Duration timeout;
    private final ObjectMapper json;
    private final PipelineMetrics metrics;
    private final HttpClient http;

    public ReviewRequests(ReviewConfig review, EventsConfig events, ObjectMapper json, PipelineMetrics metrics) {
        this.sink = review.sink().filter(s -> !s.isBlank()).map(ReviewRequests::uri);
        this.source = events.source();
        this.timeout = review.sinkTimeout();
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Counts the photo's doubts and sends its review-requested event (when a sink is set). */
    void requested(ObjectRef input, ObjectRef output, ObjectRef audit, AnonymizedImage image) {
        metrics.reviewRequested(image.doubts());
        if (sink.isEmpty()) {
            return;
        }
        ReviewRequestedData data = new ReviewRequestedData(
                new ReviewRequestedData.Location(input.bucket(), input.key(), input.etag()),
                new ReviewRequestedData.Location(output.bucket(), output.key(), null),
                audit == null ? null : new ReviewRequestedData.Location(audit.bucket(), audit.key(), null),
                image.doubts().stream().map(AuditDocument.DoubtEntry::of).toList());
        HttpRequest request = request(sink.get(), input, image.facts().outputSha256(), data);
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code >= 200 && code < 300) {
                    return;
                }
                LOG.warnf("review-requested event for %s: the sink answered %d (attempt %d)", input, code, attempt);
            } catch (IOException e) {
                LOG.warnf("review-requested event for %s: %s (attempt %d)", input, e, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        metrics.reviewRequestFailed();
    }

    private HttpRequest request(URI to, ObjectRef input, String outputSha256, ReviewRequestedData data) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the same censored copy of the same object always gets the same id: a redelivery is a recognisable duplicate
        String id = "review-" + Anonymizer.sha256((input.bucket() + "\n" + input.key() + "\n" + outputSha256)
                .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        return HttpRequest.newBuilder(to).timeout(timeout)
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", source)
                .header("ce-type", TYPE)
                .header("ce-subject", input.key())
                .header("ce-time", Instant.now().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static URI uri(String s) {
        URI u = URI.create(s.trim());
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("anonymizer.review.sink: expected an http(s) URL, got '" + s + "'");
        }
        return u;
    }
}
