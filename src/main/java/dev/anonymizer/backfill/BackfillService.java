package dev.anonymizer.backfill;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.BackfillConfig;
import dev.anonymizer.config.EventsConfig;
import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.pipeline.OutputCurrency;
import dev.anonymizer.storage.InvalidObjectNameException;
import dev.anonymizer.storage.ObjectHead;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Runs backfills: lists the candidates of a bucket/prefix and hands each, with bounded parallelism, either to the
 * pipeline (process mode) or to the sink as a {@code dev.anonymizer.image.stored} event (publish mode).
 * <p>
 * Resuming needs no state of its own: the pipeline skips an object whose output already carries its ETag
 * ({@code already-anonymized}), so a second run does nothing and a run cut short carries on where it stopped. A stale
 * run ({@link BackfillRequest#stale()}) resumes the same way: a copy made again names the running policy and models.
 */
@ApplicationScoped
public class BackfillService {

    private static final Logger LOG = Logger.getLogger(BackfillService.class);

    private final BackfillLister lister;
    private final AnonymizationPipeline pipeline;
    private final ObjectStore store;
    private final BackfillConfig config;
    private final EventsConfig events;
    private final ObjectMapper json;
    private final OutputCurrency currency;
    /** Background runs started by events, one at a time: a second would only compete for the same cores. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backfill");
        t.setDaemon(true);
        return t;
    });
    /** bucket/prefix of queued or running background runs, with the number of objects found. */
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    /** Runs in progress (command line or background), so shutdown can stop them before the models close. */
    private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();

    private record ActiveRun(AtomicBoolean stop, Thread[] workers) {
    }

    public BackfillService(BackfillLister lister, AnonymizationPipeline pipeline, ObjectStore store,
            BackfillConfig config, EventsConfig events, ObjectMapper json, OutputCurrency currency) {
        this.currency = currency;
        this.lister = lister;
        this.pipeline = pipeline;
        this.store = store;
        this.config = config;
        this.events = events;
        this.json = json;
    }

    /**
     * A request with the settings' defaults filled in: publish mode when a sink is given or configured, else process
     * mode.
     *
     * @param sink a sink URL that replaces the configured one (the command line's {@code --publish URL})
     */
    public BackfillRequest request(String bucket, String prefix, Optional<BackfillMode> mode, Optional<String> sink,
            OptionalInt parallelism, OptionalLong maxObjects) {
        return request(bucket, prefix, mode, sink, parallelism, maxObjects, false);
    }

    /**
     * As above; with {@code stale}, objects whose copy was made by another policy or other models are made again
     * ({@link OutputCurrency}), in process mode unless another is asked for (which the request refuses).
     */
    public BackfillRequest request(String bucket, String prefix, Optional<BackfillMode> mode, Optional<String> sink,
            OptionalInt parallelism, OptionalLong maxObjects, boolean stale) {
        Optional<String> target = sink.isPresent() ? sink : config.sink();
        BackfillMode m = mode.orElse(target.isPresent() && !stale ? BackfillMode.PUBLISH : BackfillMode.PROCESS);
        int defaultParallelism = m == BackfillMode.PUBLISH ? config.publishConcurrency()
                : config.parallelism() > 0 ? config.parallelism() : Runtime.getRuntime().availableProcessors();
        return new BackfillRequest(bucket, prefix, m, target, parallelism.orElse(defaultParallelism),
                maxObjects.orElse(config.maxObjects()), stale);
    }

    /** Told about a running backfill: how many objects it will hand out, then each result as it comes. */
    public interface Progress {

        /** No one is watching. */
        Progress NONE = result -> {
        };

        /** Called once, before the first object, with the number of objects the run will hand out. */
        default void started(long total) {
        }

        /** Called from the workers, once per object handled. */
        void handled(ObjectResult result);
    }

    /** Runs a backfill in the calling thread and returns when it is done. */
    public BackfillReport run(BackfillRequest request, Progress progress) {
        List<ObjectName> refs = lister.list(request.bucket(), request.prefix());
        return execute(request, refs, progress);
    }

    /** What {@link #start} did. */
    public record Started(BackfillRequest request, long found, boolean alreadyRunning) {
    }

    /**
     * Lists the candidates now (a storage fault is thrown to the caller, so the triggering event is retried) and
     * works through them in the background. A run for the same bucket/prefix that is still queued or running is
     * not started twice.
     */
    public Started start(BackfillRequest request) {
        String where = request.where();
        Long running = pending.get(where);
        if (running != null) {
            return new Started(request, running, true);
        }
        List<ObjectName> refs = lister.list(request.bucket(), request.prefix());
        if (pending.putIfAbsent(where, (long) refs.size()) != null) {
            return new Started(request, pending.getOrDefault(where, 0L), true);
        }
        LOG.infof("backfill %s of %s: %d objects found, working in the background", request.mode().key(), where,
                refs.size());
        try {
            background.submit(() -> {
                try {
                    BackfillReport report = execute(request, refs, Progress.NONE);
                    LOG.info(report.summary());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "backfill %s failed", where);
                } finally {
                    pending.remove(where);
                }
            });
        } catch (RuntimeException e) {
            pending.remove(where);
            throw e;
        }
        return new Started(request, refs.size(), false);
    }

    /** True while a background run for this bucket/prefix is queued or running. */
    public boolean isPending(String bucket, String prefix) {
        return pending.containsKey(bucket + "/" + (prefix == null ? "" : prefix));
    }

    private interface Work {
        ObjectResult apply(ObjectName name) throws InterruptedException;
    }

    BackfillReport execute(BackfillRequest request, List<ObjectName> refs, Progress progress) {
        LongAdder staleFound = new LongAdder();
        Work work = request.mode() == BackfillMode.PUBLISH ? publisher(request)::publishWithEtag
                : request.stale() ? name -> processStale(name, staleFound) : this::processOne;
        long limit = request.maxObjects() > 0 ? Math.min(refs.size(), request.maxObjects()) : refs.size();
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        Runnable worker = () -> {
            while (!stop.get()) {
                int i = next.getAndIncrement();
                if (i >= limit) {
                    return;
                }
                ObjectName ref = refs.get(i);
                ObjectResult result;
                try {
                    result = work.apply(ref);
                } catch (InterruptedException e) {
                    // not counted: it was not finished, and a later run picks it up
                    stop.set(true);
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("backfill: %s failed: %s", ref, e.getMessage());
                    result = ObjectResult.failed(e);
                }
                tally.add(result);
                progress.handled(result);
            }
        };
        int threads = (int) Math.max(1, Math.min(request.parallelism(), limit));
        Thread[] workers = new Thread[threads];
        progress.started(limit);
        ActiveRun run = new ActiveRun(stop, workers);
        active.add(run);
        try {
            for (int i = 0; i < threads; i++) {
                workers[i] = new Thread(worker, "backfill-" + request.mode().key() + "-" + i);
                workers[i].start();
            }
            joinAll(workers, stop);
        } finally {
            active.remove(run);
        }
        long handled = tally.done();
        return new BackfillReport(request, refs.size(), handled, tally.byStatus(), tally.byReason(),
                (System.nanoTime() - start) / 1_000_000, handled < refs.size(), staleFound.sum());
    }

    /**
     * Waits for the workers. When this thread is interrupted (shutdown, Ctrl-C), the workers are told to stop but not
     * interrupted: each finishes the object in hand, because an interrupt inside a write (an interruptible file
     * channel, an HTTP client) would turn a good image into a failed one.
     */
    private static void joinAll(Thread[] workers, AtomicBoolean stop) {
        boolean interrupted = false;
        for (Thread w : workers) {
            while (true) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One object through the pipeline. Its ETag is read first so that the pipeline recognises a finished object
     * from two HEAD requests, without downloading it. A listed name that no object can have is handed over as
     * listed, and rejected there.
     */
    private ObjectResult processOne(ObjectName name) {
        Outcome o;
        try {
            ObjectRef ref = name.ref();
            o = pipeline.process(ref.withEtag(store.head(ref).map(ObjectHead::etag).orElse(null)));
        } catch (InvalidObjectNameException e) {
            o = pipeline.process(name);
        }
        return ObjectResult.of(o);
    }

    /**
     * One object of a stale run: a copy made by the running policy and models is left alone
     * ({@code skipped:current}); a stale one is made again ({@code anonymized:stale}); an object without a copy of
     * this version, or without an audit record to judge it by, goes through the pipeline as in any backfill.
     */
    private ObjectResult processStale(ObjectName name, LongAdder staleFound) {
        ObjectRef ref;
        try {
            ref = name.ref();
        } catch (InvalidObjectNameException e) {
            return ObjectResult.of(pipeline.process(name));
        }
        ObjectRef versioned = ref.withEtag(store.head(ref).map(ObjectHead::etag).orElse(null));
        return switch (currency.of(versioned)) {
            case NOT_DONE -> ObjectResult.of(pipeline.process(versioned));
            case CURRENT -> new ObjectResult(ObjectResult.Status.SKIPPED, ObjectResult.Staleness.CURRENT);
            case STALE -> {
                staleFound.increment();
                Outcome o = pipeline.redo(versioned);
                yield o instanceof Outcome.Anonymized
                        ? new ObjectResult(ObjectResult.Status.ANONYMIZED, ObjectResult.Staleness.STALE)
                        : ObjectResult.of(o);
            }
        };
    }

    private Publisher publisher(BackfillRequest request) {
        String sink = request.sink().orElseThrow(() -> new IllegalArgumentException("publish mode needs a sink URL"));
        return new Publisher(new CloudEventPublisher(URI.create(sink), events.source() + "/backfill", json,
                config.publishRetries(), config.publishBackoff(), config.publishTimeout()));
    }

    /** Adds the ETag to the event, so the function skips versions it has already done without reading them. */
    private final class Publisher {
        private final CloudEventPublisher events;

        Publisher(CloudEventPublisher events) {
            this.events = events;
        }

        ObjectResult publishWithEtag(ObjectName name) throws InterruptedException {
            ObjectRef ref = name.ref();
            String etag = store.head(ref).map(ObjectHead::etag).orElse(null);
            if (etag == null) {
                return new ObjectResult(ObjectResult.Status.SKIPPED, ObjectResult.Gone.DELETED);
            }
            return events.publish(ref.withEtag(etag));
        }
    }

    /**
     * On shutdown (SIGTERM, Ctrl-C) the runs stop handing out objects and this waits, up to a minute, for the objects
     * in hand: ShutdownEvent comes before the beans are destroyed, so no worker uses a closed model session.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        background.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (ActiveRun run : active) {
            run.stop().set(true);
        }
        for (ActiveRun run : active) {
            for (Thread w : run.workers()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (w != null && left > 0) {
                    try {
                        w.join(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @PreDestroy
    void shutdown() {
        background.shutdownNow();
    }
}
