package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogManager;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.backfill.BackfillMode;
import dev.anonymizer.backfill.BackfillService;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.JsonLogsProfile;
import dev.anonymizer.support.SyntheticImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code quarkus.log.console.json.enabled=true} the console's formatter is the JSON one, and the pipeline's one
 * line per image, formatted by it, is a JSON object whose {@code mdc} carries the outcome as fields, and nothing else
 * of the image. The records are captured by a handler on the pipeline's logger and formatted with the console
 * handler's own formatter (the console stream itself is redirected by the test framework).
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
class JsonLogTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Inject
    BackfillService backfill;

    static Formatter consoleFormatter(Handler[] handlers) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler) {
                return h.getFormatter();
            }
            if (h instanceof ExtHandler ext) {
                Formatter f = consoleFormatter(ext.getHandlers());
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    @Test
    void oneJsonLinePerImageWithStructuredFields() throws Exception {
        Formatter formatter = consoleFormatter(LogManager.getLogManager().getLogger("").getHandlers());
        assertNotNull(formatter, "a console handler");
        assertTrue(formatter.getClass().getName().endsWith("JsonFormatter"), formatter.getClass().getName());

        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(formatter.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = LogManager.getLogManager().getLogger(AnonymizationPipeline.class.getName());
        logger.addHandler(capture);
        String bucket = "json-log-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            store.put(ObjectRef.of(bucket, "in/a.png"), SyntheticImages.blocksPng(1, 64, 48), "image/png", Map.of());
            store.put(ObjectRef.of(bucket, "in/b.png"), SyntheticImages.blocksPng(2, 64, 48), "image/png", Map.of());
            store.put(ObjectRef.of(bucket, "in/c.txt"), "text".getBytes(), "text/plain", Map.of());
            backfill.run(backfill.request(bucket, "in/", Optional.of(BackfillMode.PROCESS), Optional.empty(),
                    OptionalInt.of(2), OptionalLong.empty()), BackfillService.Progress.NONE);
        } finally {
            logger.removeHandler(capture);
        }

        List<JsonNode> perImage = new ArrayList<>();
        for (String text : lines) {
            assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line: " + text);
            perImage.add(JSON.readTree(text));
        }
        assertEquals(3, perImage.size(), "one line per image: " + lines);
        System.out.print("JSON log line: " + lines.get(0));
        for (JsonNode line : perImage) {
            assertEquals("INFO", line.path("level").asText());
            assertEquals(AnonymizationPipeline.class.getName(), line.path("loggerName").asText());
            JsonNode mdc = line.path("mdc");
            assertEquals(bucket, mdc.path("bucket").asText(), line.toString());
            assertTrue(mdc.path("key").asText().startsWith("in/"), line.toString());
            Set<String> required = Set.of("bucket", "key", "outcome", "reason", "censored", "elapsedMs");
            Set<String> names = new TreeSet<>();
            mdc.fieldNames().forEachRemaining(names::add);
            assertTrue(names.containsAll(required), "fields: " + names);
            // only the known fields: names, counts and times, nothing taken from the image itself
            assertTrue(names.stream().allMatch(n -> required.contains(n) || n.matches("regions\\.[a-z]+")),
                    "fields: " + names);
            Long.parseLong(mdc.path("elapsedMs").asText());
            Integer.parseInt(mdc.path("censored").asText());
        }
        JsonNode txt = byKey(perImage, "in/c.txt");
        assertEquals("rejected", txt.path("mdc").path("outcome").asText());
        assertEquals("not-an-image", txt.path("mdc").path("reason").asText());
        JsonNode png = byKey(perImage, "in/a.png");
        assertEquals("anonymized", png.path("mdc").path("outcome").asText());
        assertEquals("none", png.path("mdc").path("reason").asText());
        assertEquals("0", png.path("mdc").path("regions.face").asText(), "counts per category: " + png);
        assertFalse(png.path("message").asText().isEmpty());
    }

    private static JsonNode byKey(List<JsonNode> lines, String key) {
        return lines.stream().filter(l -> l.path("mdc").path("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + key + ": " + lines));
    }
}
