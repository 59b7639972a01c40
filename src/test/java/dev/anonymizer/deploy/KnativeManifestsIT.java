package dev.anonymizer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployment manifests by reading them; no cluster is needed (nor available where this is built).
 *
 * <p>Runs under maven-failsafe after {@code package}, when quarkus-kubernetes has written
 * {@code target/kubernetes/knative.yml}. It parses every YAML file in {@code knative/} (several documents per file
 * allowed) and the generated manifest, and asserts what a cluster would otherwise only reveal at run time: event
 * routing (one Trigger per accepted CloudEvent type, none on the function's own reply types, so no loop), the Broker's
 * dead-letter sink, scale-to-zero settings, health probes, resources, the SinkBinding, a secret template without
 * secrets, and that the hand-written {@code knative/200-service.yaml} (what users apply) agrees with the generated
 * Service on everything that does not depend on the image.
 */
class KnativeManifestsIT {

    static final String NAMESPACE = "image-anonymizer";
    static final String SERVICE = "image-anonymizer";
    static final String BROKER = "default";
    static final String SECRET = "image-anonymizer-s3";
    static final String PLACEHOLDER = "REPLACE_ME";

    /** CloudEvent types the function consumes: each needs exactly one Trigger. */
    static final Set<String> ACCEPTED_TYPES = Set.of(
            "dev.anonymizer.image.stored",
            "dev.anonymizer.backfill.requested",
            "dev.knative.kafka.event",
            "aws.s3.object.created",
            "google.cloud.storage.object.v1.finalized",
            "Microsoft.Storage.BlobCreated");

    /** CloudEvent types the function replies with: a Trigger on any of them would feed it its own output. */
    static final Set<String> REPLY_TYPES = Set.of(
            "dev.anonymizer.image.anonymized",
            "dev.anonymizer.image.rejected",
            "dev.anonymizer.image.skipped");

    /** apiVersion/kind pairs a manifest may contain; anything else must be reviewed and added here. */
    static final Set<String> ALLOWED_KINDS = Set.of(
            "v1/Namespace",
            "v1/Secret",
            "v1/ConfigMap",
            "eventing.knative.dev/v1/Broker",
            "eventing.knative.dev/v1/Trigger",
            "serving.knative.dev/v1/Service",
            "sources.knative.dev/v1beta1/KafkaSource",
            "sources.knative.dev/v1/SinkBinding");

    static final Pattern NUMBERED_FILE = Pattern.compile("\\d{3}-[a-z0-9-]+\\.ya?ml");
    static final String AUTOSCALING_PREFIX = "autoscaling.knative.dev/";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One parsed YAML document and the file it came from. */
    record Doc(Path file, JsonNode node) {
        String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        String where() {
            return file.getFileName() + " (" + kind() + " " + name() + ")";
        }
    }

    static Path root;
    static List<Doc> knative;
    static List<Doc> generated;

    @BeforeAll
    static void parse() throws IOException {
        root = Path.of(System.getProperty("project.root", System.getProperty("user.dir"))).toAbsolutePath();
        Path dir = root.resolve("knative");
        assertTrue(Files.isDirectory(dir), "no knative/ directory under " + root);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no YAML files in " + dir);
        knative = new ArrayList<>();
        for (Path f : files) {
            knative.addAll(read(f));
        }

        Path gen = root.resolve("target/kubernetes/knative.yml");
        if (!Files.isRegularFile(gen)) {
            Path kubeDir = gen.getParent();
            List<String> others = new ArrayList<>();
            if (Files.isDirectory(kubeDir)) {
                try (Stream<Path> s = Files.list(kubeDir)) {
                    s.map(p -> p.getFileName().toString()).sorted().forEach(others::add);
                }
            }
            fail(gen + " is missing: quarkus-kubernetes generates it during `package`. "
                    + (others.isEmpty()
                            ? "Run this test with `./mvnw verify` (not with `test` or on its own)."
                            : "target/kubernetes holds " + others + " only: application.properties needs "
                                    + "quarkus.kubernetes.deployment-target=knative (see src/main/resources/application.properties)."));
        }
        generated = read(gen);
    }

    static List<Doc> read(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(Files.readString(file, StandardCharsets.UTF_8));
                MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                // "---" with nothing after it is an empty document, not a resource
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    docs.add(new Doc(file, node));
                }
            }
        }
        return docs;
    }

    static List<Doc> all(List<Doc> docs, String apiVersion, String kind) {
        return docs.stream().filter(d -> d.apiVersion().equals(apiVersion) && d.kind().equals(kind)).toList();
    }

    static Doc one(List<Doc> docs, String apiVersion, String kind, String name) {
        List<Doc> found = all(docs, apiVersion, kind).stream().filter(d -> d.name().equals(name)).toList();
        assertEquals(1, found.size(), "expected exactly one " + apiVersion + " " + kind + " named '" + name
                + "', found " + found.stream().map(Doc::where).toList());
        return found.get(0);
    }

    static JsonNode container(Doc service) {
        JsonNode containers = service.node().path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), service.where() + ": a Knative Service runs exactly one container here");
        return containers.get(0);
    }

    static Map<String, String> autoscaling(Doc service) {
        Map<String, String> out = new TreeMap<>();
        service.node().path("spec").path("template").path("metadata").path("annotations").fields()
                .forEachRemaining(e -> {
                    if (e.getKey().startsWith(AUTOSCALING_PREFIX)) {
                        out.put(e.getKey(), e.getValue().asText());
                    }
                });
        return out;
    }

    static Set<String> envNames(JsonNode container) {
        Set<String> names = new TreeSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    static Map<String, String> flatText(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + "/" + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "/" + i, node.get(i), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Test
    void filesAreNumberedAndEveryDocumentHasAnAllowedKind() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("knative"))) {
            List<String> unnumbered = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*\\.ya?ml") && !NUMBERED_FILE.matcher(n).matches())
                    .toList();
            assertTrue(unnumbered.isEmpty(), "knative/ files must be named NNN-name.yaml (applied in that order): "
                    + unnumbered);
        }
        List<Doc> everything = new ArrayList<>(knative);
        everything.addAll(generated);
        for (Doc d : everything) {
            assertFalse(d.apiVersion().isBlank() || d.kind().isBlank(), d.file() + ": a document without apiVersion/kind: "
                    + d.node());
            assertFalse(d.name().isBlank(), d.where() + ": metadata.name missing");
            assertTrue(ALLOWED_KINDS.contains(d.apiVersion() + "/" + d.kind()),
                    d.where() + ": " + d.apiVersion() + "/" + d.kind() + " is not one of " + new TreeSet<>(ALLOWED_KINDS));
        }
    }

    @Test
    void everyNamespacedResourceLivesInTheAppNamespace() {
        one(knative, "v1", "Namespace", NAMESPACE);
        for (Doc d : knative) {
            if (!d.kind().equals("Namespace")) {
                assertEquals(NAMESPACE, d.node().path("metadata").path("namespace").asText(),
                        d.where() + ": metadata.namespace");
            }
        }
    }

    @Test
    void brokerRetriesThenDeadLetters() {
        Doc broker = one(knative, "eventing.knative.dev/v1", "Broker", BROKER);
        JsonNode delivery = broker.node().path("spec").path("delivery");
        JsonNode dls = delivery.path("deadLetterSink");
        assertTrue(dls.has("ref") || dls.has("uri"), broker.where() + ": spec.delivery.deadLetterSink missing");
        assertEquals(5, delivery.path("retry").asInt(-1), broker.where() + ": spec.delivery.retry");
        assertEquals("exponential", delivery.path("backoffPolicy").asText(), broker.where() + ": backoffPolicy");
        assertEquals("PT1S", delivery.path("backoffDelay").asText(), broker.where() + ": backoffDelay");
        if (dls.has("ref")) {
            JsonNode ref = dls.path("ref");
            one(knative, ref.path("apiVersion").asText(), ref.path("kind").asText(), ref.path("name").asText());
            assertFalse(ref.path("name").asText().equals(SERVICE), "dead letters must not go back to the function");
        }
    }

    @Test
    void oneTriggerPerAcceptedTypeAllToTheFunction() {
        List<Doc> triggers = all(knative, "eventing.knative.dev/v1", "Trigger");
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Doc t : triggers) {
            JsonNode spec = t.node().path("spec");
            String type = spec.path("filter").path("attributes").path("type").asText("");
            assertFalse(type.isBlank(), t.where() + ": every Trigger must filter on the CloudEvent type");
            assertFalse(REPLY_TYPES.contains(type), t.where() + ": filters on the reply type " + type
                    + "; the function would consume its own replies in a loop");
            assertTrue(ACCEPTED_TYPES.contains(type), t.where() + ": " + type + " is not an accepted event type "
                    + new TreeSet<>(ACCEPTED_TYPES));
            byType.computeIfAbsent(type, k -> new ArrayList<>()).add(t.where());

            assertEquals(BROKER, spec.path("broker").asText(), t.where() + ": spec.broker");
            JsonNode ref = spec.path("subscriber").path("ref");
            assertEquals("serving.knative.dev/v1", ref.path("apiVersion").asText(), t.where() + ": subscriber apiVersion");
            assertEquals("Service", ref.path("kind").asText(), t.where() + ": subscriber kind");
            assertEquals(SERVICE, ref.path("name").asText(), t.where() + ": subscriber name");
        }
        for (String type : ACCEPTED_TYPES) {
            List<String> found = byType.getOrDefault(type, List.of());
            assertEquals(1, found.size(), "expected exactly one Trigger for " + type + ", found " + found);
        }
    }

    @Test
    void noTriggerMentionsAReplyTypeAnywhereInItsFilters() {
        for (Doc t : all(knative, "eventing.knative.dev/v1", "Trigger")) {
            JsonNode spec = t.node().path("spec");
            String filters = spec.path("filter").toString() + spec.path("filters").toString();
            for (String reply : REPLY_TYPES) {
                assertFalse(filters.contains(reply), t.where() + ": its filter mentions the reply type " + reply);
            }
        }
    }

    @Test
    void serviceScalesToZeroWithProbesAndResources() {
        Doc svc = one(knative, "serving.knative.dev/v1", "Service", SERVICE);
        JsonNode spec = svc.node().path("spec").path("template").path("spec");
        JsonNode c = container(svc);

        assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText(),
                svc.where() + ": liveness probe path");
        assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText(),
                svc.where() + ": readiness probe path");

        Map<String, String> scale = autoscaling(svc);
        assertEquals("0", scale.get(AUTOSCALING_PREFIX + "min-scale"), svc.where() + ": must scale to zero");
        assertTrue(Integer.parseInt(scale.getOrDefault(AUTOSCALING_PREFIX + "max-scale", "0")) > 0,
                svc.where() + ": max-scale must bound the fleet");
        assertTrue(spec.path("containerConcurrency").asInt(0) > 0, svc.where() + ": containerConcurrency must be > 0");

        JsonNode ports = c.path("ports");
        assertEquals(1, ports.size(), svc.where() + ": Knative routes to exactly one port");
        assertEquals(8080, ports.get(0).path("containerPort").asInt(), svc.where() + ": containerPort");

        for (String bound : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                assertFalse(c.path("resources").path(bound).path(res).asText("").isBlank(),
                        svc.where() + ": resources." + bound + "." + res + " must be set");
            }
        }
    }

    @Test
    void serviceCredentialsComeFromTheSecretTemplateKeys() {
        Doc svc = one(knative, "serving.knative.dev/v1", "Service", SERVICE);
        Doc secret = one(knative, "v1", "Secret", SECRET);
        Set<String> secretKeys = new TreeSet<>();
        secret.node().path("stringData").fieldNames().forEachRemaining(secretKeys::add);
        secret.node().path("data").fieldNames().forEachRemaining(secretKeys::add);
        int refs = 0;
        for (JsonNode e : container(svc).path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                refs++;
                assertEquals(SECRET, ref.path("name").asText(), svc.where() + ": env " + e.path("name").asText());
                assertTrue(secretKeys.contains(ref.path("key").asText()), svc.where() + ": env "
                        + e.path("name").asText() + " reads key " + ref.path("key").asText() + ", not in " + secretKeys);
            }
        }
        assertEquals(2, refs, svc.where() + ": the access key id and secret key come from " + SECRET);
    }

    @Test
    void secretTemplateHoldsOnlyPlaceholders() {
        Doc secret = one(knative, "v1", "Secret", SECRET);
        Map<String, String> values = new TreeMap<>();
        secret.node().path("stringData").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        secret.node().path("data").fields().forEachRemaining(e -> values.put(e.getKey(),
                new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        assertEquals(Set.of("ACCESS_KEY_ID", "SECRET_ACCESS_KEY"), values.keySet(), secret.where() + ": keys");
        values.forEach((k, v) -> assertEquals(PLACEHOLDER, v, secret.where() + ": " + k
                + " must be the placeholder " + PLACEHOLDER + ", never a real credential"));
    }

    @Test
    void sinkBindingPointsTheFunctionAtTheBroker() {
        List<Doc> bindings = all(knative, "sources.knative.dev/v1", "SinkBinding");
        assertEquals(1, bindings.size(), "expected one SinkBinding, found " + bindings.stream().map(Doc::where).toList());
        Doc b = bindings.get(0);
        JsonNode subject = b.node().path("spec").path("subject");
        assertEquals("serving.knative.dev/v1", subject.path("apiVersion").asText(), b.where() + ": subject apiVersion");
        assertEquals("Service", subject.path("kind").asText(), b.where() + ": subject kind");
        assertEquals(SERVICE, subject.path("name").asText(), b.where() + ": subject name");
        JsonNode sink = b.node().path("spec").path("sink").path("ref");
        assertEquals("eventing.knative.dev/v1", sink.path("apiVersion").asText(), b.where() + ": sink apiVersion");
        assertEquals("Broker", sink.path("kind").asText(), b.where() + ": sink kind");
        assertEquals(BROKER, sink.path("name").asText(), b.where() + ": sink name");
    }

    @Test
    void kafkaSourceFeedsTheBroker() {
        for (Doc k : all(knative, "sources.knative.dev/v1beta1", "KafkaSource")) {
            JsonNode sink = k.node().path("spec").path("sink").path("ref");
            assertEquals("Broker", sink.path("kind").asText(), k.where() + ": sink kind");
            assertEquals(BROKER, sink.path("name").asText(), k.where() + ": sink name");
            assertFalse(k.node().path("spec").path("topics").isEmpty(), k.where() + ": topics");
        }
    }

    @Test
    void generatedServiceAgreesWithTheHandWrittenOne() {
        Doc hand = one(knative, "serving.knative.dev/v1", "Service", SERVICE);
        List<Doc> genServices = all(generated, "serving.knative.dev/v1", "Service");
        assertEquals(1, genServices.size(), "target/kubernetes/knative.yml: expected one Knative Service, found "
                + genServices.stream().map(Doc::where).toList());
        Doc gen = genServices.get(0);
        String what = "generated " + gen.where() + " vs knative/" + hand.where() + ": ";

        assertEquals(hand.name(), gen.name(), what + "name (quarkus.knative.name)");
        JsonNode hc = container(hand);
        JsonNode gc = container(gen);
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertEquals(hc.path(probe).path("httpGet").path("path").asText(),
                    gc.path(probe).path("httpGet").path("path").asText(), what + probe + " path");
        }
        assertEquals(hc.path("ports").get(0).path("containerPort").asInt(),
                gc.path("ports").path(0).path("containerPort").asInt(), what + "containerPort");
        assertEquals(hc.path("ports").get(0).path("name").asText(),
                gc.path("ports").path(0).path("name").asText(), what + "port name");

        Map<String, String> handScale = autoscaling(hand);
        Map<String, String> genScale = autoscaling(gen);
        assertEquals("0", genScale.get(AUTOSCALING_PREFIX + "min-scale"), what + "min-scale");
        assertEquals(handScale, genScale, what + "autoscaling.knative.dev/* annotations "
                + "(quarkus.knative.min-scale/max-scale/revision-auto-scaling.*, src/main/kubernetes/knative.yml)");

        JsonNode hs = hand.node().path("spec").path("template").path("spec");
        JsonNode gs = gen.node().path("spec").path("template").path("spec");
        assertEquals(hs.path("containerConcurrency").asInt(), gs.path("containerConcurrency").asInt(),
                what + "containerConcurrency");
        assertEquals(hs.path("timeoutSeconds").asInt(), gs.path("timeoutSeconds").asInt(), what + "timeoutSeconds");

        assertEquals(envNames(hc), envNames(gc), what + "env var names (quarkus.knative.env.*)");
        Map<String, String> secretRefs = secretRefs(hc);
        assertEquals(secretRefs, secretRefs(gc), what + "env vars read from secrets");
        assertEquals(flatText(hc.path("resources")), flatText(gc.path("resources")),
                what + "resources (quarkus.knative.resources.*)");
        assertEquals(hand.node().path("metadata").path("labels").path("networking.knative.dev/visibility").asText(),
                gen.node().path("metadata").path("labels").path("networking.knative.dev/visibility").asText(),
                what + "visibility label (quarkus.knative.cluster-local)");
    }

    static Map<String, String> secretRefs(JsonNode container) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<JsonNode> it = container.path("env").elements(); it.hasNext();) {
            JsonNode e = it.next();
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                out.put(e.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        return out;
    }

    @Test
    void everyReferenceInsideTheBundleResolves() {
        // Trigger subscribers, SinkBinding subject, sinks: a typo here is only noticed on a cluster otherwise.
        Set<String> defined = knative.stream().map(d -> d.apiVersion() + "/" + d.kind() + "/" + d.name())
                .collect(Collectors.toSet());
        for (Doc d : knative) {
            Map<String, String> flat = flatText(d.node().path("spec"));
            for (String path : flat.keySet()) {
                if (path.endsWith("/ref/kind") || path.endsWith("/subject/kind")) {
                    String base = path.substring(0, path.length() - "/kind".length());
                    String key = flat.get(base + "/apiVersion") + "/" + flat.get(path) + "/" + flat.get(base + "/name");
                    assertTrue(defined.contains(key), d.where() + ": " + base + " refers to " + key
                            + ", which no file in knative/ defines");
                }
            }
        }
    }
}
