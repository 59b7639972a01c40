package dev.anonymizer.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.StatusConfig;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.pipeline.PipelineMetrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /}: what a person opening the function's address sees, instead of a 404 and an ERROR line. A short
 * HTML page (version, models loaded with their licences, images anonymized / rejected / skipped since start, links to
 * health, metrics and the docs), or the same as JSON when the request accepts {@code application/json} and not HTML.
 * <p>
 * Funqy's Knative binding owns {@code /} for the CloudEvents POSTed there; this route takes GET only and is ordered
 * before Funqy's, so events are untouched.
 */
@ApplicationScoped
public class StatusPage {

    /** Ahead of the routes extensions add at order 0 and later (Funqy's among them). */
    private static final int ORDER = -100;
    /** Where the built-in README is served, and where the build puts it on the classpath. */
    static final String DOCS_PATH = "/docs";
    private static final String README = "/docs/README.md";

    private final ModelRegistry models;
    private final PipelineMetrics metrics;
    private final ObjectMapper json;
    private final String version;
    private final String docs;

    public StatusPage(ModelRegistry models, PipelineMetrics metrics, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
            StatusConfig config) {
        this.models = models;
        this.metrics = metrics;
        this.json = json;
        this.version = version;
        this.docs = config.docsUrl();
    }

    void register(@Observes Router router) {
        router.get("/").order(ORDER).handler(this::handle);
        router.get(DOCS_PATH).order(ORDER).handler(this::readme);
    }

    /** The README built into the artifact, as plain text: readable in any browser, nothing to render. */
    private void readme(RoutingContext rc) {
        try (InputStream in = StatusPage.class.getResourceAsStream(README)) {
            if (in == null) {
                rc.response().setStatusCode(404).end("no README in this build");
                return;
            }
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            rc.fail(e);
        }
    }

    private void handle(RoutingContext rc) {
        StatusDocument status = status();
        if (wantsJson(rc.request().getHeader(HttpHeaders.ACCEPT))) {
            try {
                rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(json.writerWithDefaultPrettyPrinter().writeValueAsString(status));
            } catch (JsonProcessingException e) {
                rc.fail(e);
            }
        } else {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(html(status));
        }
    }

    /** JSON when asked for it and HTML is not asked for (a browser accepts both, listing HTML first). */
    static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    StatusDocument status() {
        List<StatusDocument.Model> loaded = models.loaded().stream()
                .map(d -> new StatusDocument.Model(d.id(), d.family(), d.licence())).toList();
        StatusDocument.Images images = new StatusDocument.Images(metrics.images(Outcome.Status.ANONYMIZED),
                metrics.images(Outcome.Status.REJECTED), metrics.images(Outcome.Status.SKIPPED));
        return new StatusDocument("image-anonymizer", version, loaded, images,
                new StatusDocument.Links("/q/health/live", "/q/health/ready", "/q/metrics", docs));
    }

    private static String html(StatusDocument s) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>image-anonymizer</title><style>body{font:15px/1.5 system-ui,sans-serif;margin:32px;"
                + "max-width:760px;color:#222}td,th{padding:2px 12px 2px 0;text-align:left}</style></head><body>\n");
        h.append("<h1>image-anonymizer ").append(esc(s.version())).append("</h1>\n");
        h.append("<p>Censors faces, licence plates and text in images that CloudEvents announce (POST them to /).</p>\n");
        h.append("<h2>Since start</h2>\n<p id=\"images\">");
        s.imagesSinceStart().byStatus().forEach((k, v) -> h.append("<b>").append(v).append("</b> ").append(k.key())
                .append(" &nbsp; "));
        h.append("</p>\n<h2>Models loaded</h2>\n<table id=\"models\"><tr><th>model</th><th>family</th><th>licence</th></tr>\n");
        for (StatusDocument.Model m : s.models()) {
            h.append("<tr><td>").append(esc(m.id())).append("</td><td>").append(esc(m.family()))
                    .append("</td><td>").append(esc(m.licence())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Links</h2>\n<ul>\n");
        s.links().byName().forEach((k, v) -> h.append("<li><a href=\"").append(esc(v)).append("\">")
                .append(esc(k)).append("</a> ").append(esc(v)).append("</li>\n"));
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
