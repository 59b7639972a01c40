package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs the model inputs of one search step (the passes and packed canvases of a plan, each prepared, inferred and
 * decoded on its own) side by side when cores are idle. A photo alone in the process leaves all but one core idle
 * with one ONNX Runtime thread per inference; helper threads then take the step's other inputs. Where every core
 * already has a photo of its own (two events at once, the commands' parallel files), the helpers stand aside (a
 * helper asks before every input it takes) and each caller runs its own inputs, as without the pool.
 *
 * <p>The caller always works too, and returns only once every input it handed out has finished (the inputs read
 * the caller's image, which it frees after). Inputs start costliest first (longest processing time first), so that a
 * step does not end with one core running a large input while the others wait; the results come back in the order
 * of the inputs, so what is found is the same as one after the other.
 */
public final class InferencePool implements AutoCloseable {

    private final int parallelism;
    private final ExecutorService helpers;
    private final AtomicInteger callers = new AtomicInteger();

    /**
     * @param parallelism how many inputs may run at once in the process (callers and helpers together): 1 runs every
     *                    input in its caller's thread; 0 means one per available processor
     */
    public InferencePool(int parallelism) {
        if (parallelism < 0) {
            throw new IllegalArgumentException("expected parallel inferences >= 0 (0: one per processor), got "
                    + parallelism);
        }
        this.parallelism = parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
        this.helpers = this.parallelism > 1 ? Executors.newFixedThreadPool(this.parallelism - 1, helperThreads())
                : null;
    }

    /** How many inputs may run at once. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * A model input to run and about how costly it is (any unit shared by the tasks of one call: the pool starts the
     * costliest first; equal costs start in the tasks' order).
     */
    public record Task<T>(Supplier<T> work, double cost) {

        public Task {
            if (work == null || !(cost >= 0)) {
                throw new IllegalArgumentException("expected work and a cost >= 0, got " + work + ", " + cost);
            }
        }
    }

    /**
     * Every task's result, in the tasks' order; the costliest are started first. A task that fails fails the call
     * (the first failure, in task order, with the others added as suppressed) once every task already started has
     * finished; tasks not yet started are not started.
     */
    public <T> List<T> run(List<Task<T>> tasks) {
        if (helpers == null || tasks.size() < 2) {
            List<T> out = new ArrayList<>(tasks.size());
            tasks.forEach(t -> out.add(t.work().get()));
            return out;
        }
        callers.incrementAndGet();
        try {
            Job<T> job = new Job<>(tasks);
            int wanted = Math.min(parallelism - 1, tasks.size() - 1);
            try {
                for (int i = 0; i < wanted; i++) {
                    // a helper that starts late, or while every core has a caller of its own, takes nothing
                    helpers.execute(() -> job.work(() -> callers.get() < parallelism));
                }
            } catch (RejectedExecutionException e) {
                // the pool is closing (the application stops): the caller runs what no helper took
            }
            job.work(() -> true);
            job.awaitAll();
            return job.results();
        } finally {
            callers.decrementAndGet();
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
            try {
                helpers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory helperThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "inference-helper-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One call's tasks: claimed one at a time, costliest first, by the caller and the helpers, each counted when it
     * ends or is skipped.
     */
    private static final class Job<T> {
        private final List<Task<T>> tasks;
        /** The tasks' indices, costliest first; a stable sort, so equal costs keep the tasks' order. */
        private final int[] byCost;
        private final Object[] results;
        private final Throwable[] failures;
        private final AtomicInteger next = new AtomicInteger();
        private int finished;
        private volatile boolean failed;

        Job(List<Task<T>> tasks) {
            this.tasks = tasks;
            this.byCost = IntStream.range(0, tasks.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -tasks.get(i).cost()))
                    .mapToInt(Integer::intValue).toArray();
            this.results = new Object[tasks.size()];
            this.failures = new Throwable[tasks.size()];
        }

        /**
         * Runs unclaimed tasks while {@code idleCores} says there is a core to spare: a helper asks before every
         * task, so it stands aside as soon as every core has a caller of its own (a second event arriving), and what
         * it leaves is run by the caller, which always works until every task is claimed.
         */
        void work(BooleanSupplier idleCores) {
            while (idleCores.getAsBoolean()) {
                int k = next.getAndIncrement();
                if (k >= byCost.length) {
                    return;
                }
                int i = byCost[k];
                try {
                    if (!failed) {
                        results[i] = tasks.get(i).work().get();
                    }
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    failed = true;
                } finally {
                    synchronized (this) {
                        finished++;
                        notifyAll();
                    }
                }
            }
        }

        /**
         * Waits for every task, interrupted or not: a task still running reads the caller's image, which must not be
         * freed under it. The interrupt is kept for the caller.
         */
        synchronized void awaitAll() {
            boolean interrupted = false;
            while (finished < tasks.size()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @SuppressWarnings("unchecked")
        synchronized List<T> results() {
            Throwable first = null;
            for (Throwable f : failures) {
                if (f == null) {
                    continue;
                }
                if (first == null) {
                    first = f;
                } else {
                    first.addSuppressed(f);
                }
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw (RuntimeException) first;
            }
            List<T> out = new ArrayList<>(results.length);
            for (Object r : results) {
                out.add((T) r);
            }
            return out;
        }
    }
}
