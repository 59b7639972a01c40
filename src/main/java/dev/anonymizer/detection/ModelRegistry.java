package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;

/**
 * One ONNX session per configured model (checked against its descriptor) and the detector that runs it; the sessions
 * are closed by {@link #close()}, which the function calls on shutdown ({@code pipeline.DetectionBeans}). Nothing is
 * loaded when the registry is made: the models load together, once, on first use or when {@link #load()} is called,
 * which the function does while it starts ({@code health.ReadinessChecks}), so a command line that only prints its
 * help, its version or a usage error loads none. With
 * {@code anonymizer.models.parallel-load} each model is loaded on a thread of its own, and with
 * {@code anonymizer.models.warm-up} each is run once on a small grey image before it counts as loaded. A model that
 * cannot be loaded fails the load with its reason (and stops the function's start-up), after every session opened
 * so far is closed.
 */
public class ModelRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    /** Side of the grey image each model is warmed up on (input pixels; a fixed-size model scales it to its own). */
    private static final int WARM_UP_SIDE = 256;
    private static final double WARM_UP_GREY = 128;

    private final ModelSettings models;
    private final DetectionSettings detection;
    private final ObjectMapper json;
    private final InferenceMetrics metrics;
    private final InferencePool pool;
    private volatile Loaded loaded;
    private boolean closed;

    /** The sessions by model id (load order) and the detectors of each role. */
    private record Loaded(Map<String, ModelSession> sessions, Detector text, List<Detector> faces, Detector objects) {
    }

    /** One model, opened, checked and warmed up. */
    private record LoadedModel(ModelSession session, Detector detector) {
    }

    /** A registry of the models {@code detection} names, found and run as {@code models} says; loads nothing yet. */
    public ModelRegistry(ModelSettings models, DetectionSettings detection, ObjectMapper json,
            InferenceMetrics metrics) {
        this.models = models;
        this.detection = detection;
        this.json = json;
        this.metrics = metrics;
        this.pool = new InferencePool(models.parallelInferences());
    }

    /** Where the model inputs of a search step run (side by side where cores are idle). */
    public InferencePool pool() {
        return pool;
    }

    /**
     * Loads every configured model unless that has been done; returns their descriptors in load order. Safe to call
     * from several threads: the first call loads, the others wait for it.
     *
     * @throws ModelSetupException when a model cannot be loaded (a later call tries again)
     */
    public List<ModelDescriptor> load() {
        return loaded();
    }

    /** Whether the models have been loaded (without loading them). */
    public boolean isLoaded() {
        return loaded != null;
    }

    public Optional<Detector> text() {
        return Optional.ofNullable(models().text());
    }

    /** Every face detector: the primary first, then the extra models. */
    public List<Detector> faces() {
        return models().faces();
    }

    public Optional<Detector> objects() {
        return Optional.ofNullable(models().objects());
    }

    /** Descriptors of every loaded model, in load order (loads them first if need be). */
    public List<ModelDescriptor> loaded() {
        List<ModelDescriptor> out = new ArrayList<>();
        models().sessions().values().forEach(s -> out.add(s.descriptor()));
        return Collections.unmodifiableList(out);
    }

    private Loaded models() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the model registry is closed");
            }
            if (loaded == null) {
                loaded = loadAll();
            }
            return loaded;
        }
    }

    private Loaded loadAll() {
        long start = System.nanoTime();
        List<String> faceIds = new ArrayList<>();
        if (detection.face().enabled()) {
            faceIds.add(detection.face().model());
            faceIds.addAll(detection.face().extraModels());
        }
        String textId = detection.text().enabled() ? detection.text().model() : null;
        String objectsId = detection.objects().enabled() ? detection.objects().model() : null;
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Optional.ofNullable(textId).ifPresent(ids::add);
        ids.addAll(faceIds);
        Optional.ofNullable(objectsId).ifPresent(ids::add);

        Map<String, LoadedModel> byId = loadEach(List.copyOf(ids), OrtEnvironment.getEnvironment());
        Map<String, ModelSession> sessions = new LinkedHashMap<>();
        byId.forEach((id, m) -> sessions.put(id, m.session()));
        List<Detector> faces = faceIds.stream().map(id -> byId.get(id).detector()).toList();
        LOG.infof("%d models loaded in %d ms (%s%s)", sessions.size(), (System.nanoTime() - start) / 1_000_000,
                models.parallelLoad() && sessions.size() > 1 ? "in parallel" : "one after the other",
                models.warmUp() ? ", each warmed up" : "");
        return new Loaded(Collections.unmodifiableMap(sessions), textId == null ? null : byId.get(textId).detector(),
                faces, objectsId == null ? null : byId.get(objectsId).detector());
    }

    /**
     * Loads the models (in parallel when configured) and returns them by id, in the order given; on any failure
     * every model loaded so far is closed and the first failure is thrown.
     */
    private Map<String, LoadedModel> loadEach(List<String> ids, OrtEnvironment env) {
        Map<String, LoadedModel> out = new LinkedHashMap<>();
        RuntimeException failure = null;
        if (!models.parallelLoad() || ids.size() < 2) {
            for (String id : ids) {
                try {
                    out.put(id, loadOne(env, id));
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
            }
        } else {
            AtomicInteger thread = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(ids.size(), r -> {
                Thread t = new Thread(r, "model-load-" + thread.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                Map<String, Future<LoadedModel>> futures = new LinkedHashMap<>();
                for (String id : ids) {
                    futures.put(id, pool.submit(() -> loadOne(env, id)));
                }
                // every future is waited for, so that no session is left open behind a failure
                for (Map.Entry<String, Future<LoadedModel>> f : futures.entrySet()) {
                    try {
                        out.put(f.getKey(), f.getValue().get());
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException r ? r
                                    : new ModelSetupException("model '" + f.getKey() + "': " + e.getCause(), e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (failure == null) {
                            failure = new ModelSetupException("interrupted while loading model '" + f.getKey() + "'", e);
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (failure != null) {
            out.values().forEach(m -> closeQuietly(m.session()));
            throw failure;
        }
        return out;
    }

    private LoadedModel loadOne(OrtEnvironment env, String id) {
        long start = System.nanoTime();
        ModelDescriptor d = ModelSession.readDescriptor(models.dir(), id, json);
        // the warm-up is not an inference of any image: it stays out of the inference metrics
        AtomicBoolean counting = new AtomicBoolean();
        ModelSession session = ModelSession.open(env, models.dir(), d, models.intraOpThreads(), models.verifyChecksums(),
                models.arenaShrinkage(), models.threadSpinning(), (model, nanos) -> {
                    if (counting.get()) {
                        metrics.record(model, nanos);
                    }
                });
        try {
            Detector detector = DetectorFactory.create(session, detection.text());
            // the search plan needs the model's good object sizes: a descriptor without them stops start-up here
            PlanRunner.geometry(detector);
            long warmUp = models.warmUp() ? warmUp(detector) : -1;
            counting.set(true);
            LOG.infof("model %s (%s, %s) loaded in %d ms%s", id, d.family(), d.licence(),
                    (System.nanoTime() - start) / 1_000_000, warmUp < 0 ? "" : ", of which warm-up " + warmUp + " ms");
            return new LoadedModel(session, detector);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Runs the detector once on a grey image: ONNX Runtime sets up its kernels and buffers on the first run. */
    private static long warmUp(Detector detector) {
        long start = System.nanoTime();
        try (Scalar grey = new Scalar(WARM_UP_GREY, WARM_UP_GREY, WARM_UP_GREY, 0);
                Mat image = new Mat(WARM_UP_SIDE, WARM_UP_SIDE, CV_8UC3, grey)) {
            detector.detect(image, 1.0, 1.0);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void closeQuietly(ModelSession s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn(e.getMessage());
        }
    }

    /** Closes every session and the inference pool; the registry loads nothing after this. */
    @Override
    public synchronized void close() {
        closed = true;
        pool.close();
        Loaded l = loaded;
        loaded = null;
        if (l != null) {
            l.sessions().values().forEach(ModelRegistry::closeQuietly);
        }
    }
}
