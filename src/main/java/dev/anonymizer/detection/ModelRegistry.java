package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ModelsConfig;
import io.quarkus.runtime.Startup;

/**
 * Creates one ONNX session per configured model at start-up (checked against its descriptor) and the detector that
 * runs it; closes the sessions on shutdown. A model that cannot be loaded stops start-up with its reason.
 */
@ApplicationScoped
@Startup
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Map<String, ModelSession> sessions = new LinkedHashMap<>();
    private final Detector text;
    private final List<Detector> faces = new ArrayList<>();
    private final Detector objects;

    @Inject
    public ModelRegistry(ModelsConfig models, DetectionConfig detection, ObjectMapper json,
            InferenceMetrics metrics) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            text = detection.text().enabled()
                    ? load(env, models, json, metrics, detection.text().model(), detection) : null;
            if (detection.face().enabled()) {
                List<String> ids = new ArrayList<>(List.of(detection.face().model()));
                ids.addAll(detection.face().extraModels().orElse(List.of()));
                for (String id : ids) {
                    faces.add(load(env, models, json, metrics, id, detection));
                }
            }
            objects = detection.objects().enabled()
                    ? load(env, models, json, metrics, detection.objects().model(), detection) : null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Detector load(OrtEnvironment env, ModelsConfig models, ObjectMapper json, InferenceMetrics metrics,
            String id, DetectionConfig detection) {
        long start = System.nanoTime();
        ModelDescriptor d = ModelSession.readDescriptor(models.dir(), id, json);
        ModelSession session = sessions.get(id);
        if (session == null) {
            session = ModelSession.open(env, models.dir(), d, models.intraOpThreads(), models.verifyChecksums(),
                    models.arenaShrinkage(),
                    metrics::record);
            sessions.put(id, session);
        }
        Detector detector = DetectorFactory.create(session, detection);
        // the search plan needs the model's good object sizes: a descriptor without them stops start-up here
        PlanRunner.geometry(detector);
        LOG.infof("model %s (%s, %s) loaded in %d ms", id, d.family(), d.licence(), (System.nanoTime() - start) / 1_000_000);
        return detector;
    }

    public Optional<Detector> text() {
        return Optional.ofNullable(text);
    }

    /** Every face detector: the primary first, then the extra models. */
    public List<Detector> faces() {
        return Collections.unmodifiableList(faces);
    }

    public Optional<Detector> objects() {
        return Optional.ofNullable(objects);
    }

    /** Descriptors of every loaded model, in load order. */
    public List<ModelDescriptor> loaded() {
        List<ModelDescriptor> out = new ArrayList<>();
        sessions.values().forEach(s -> out.add(s.descriptor()));
        return Collections.unmodifiableList(out);
    }

    @PreDestroy
    void close() {
        for (ModelSession s : sessions.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn(e.getMessage());
            }
        }
        sessions.clear();
    }
}
