package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The pool that runs a search step's model inputs side by side: order, failures, waiting, really side by side. */
class InferencePoolTest {

    @Test
    void resultsComeBackInTheOrderOfTheTasks() {
        try (InferencePool pool = new InferencePool(4)) {
            List<Supplier<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                tasks.add(() -> {
                    sleep((40 - n) % 7);
                    return n * n;
                });
            }
            List<Integer> out = all(pool, tasks);
            for (int i = 0; i < 40; i++) {
                assertEquals(i * i, out.get(i));
            }
        }
    }

    /** Two tasks that each wait for the other can only both finish when they run at the same time. */
    @Test
    void anIdlePoolRunsTheTasksSideBySide() {
        try (InferencePool pool = new InferencePool(2)) {
            CountDownLatch both = new CountDownLatch(2);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Supplier<Boolean> meet = () -> {
                threads.add(Thread.currentThread().getName());
                both.countDown();
                try {
                    return both.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(List.of(true, true), all(pool, List.of(meet, meet)));
            assertEquals(2, threads.size(), "the caller and a helper: " + threads);
            assertTrue(threads.contains(Thread.currentThread().getName()), "the caller works too: " + threads);
        }
    }

    @Test
    void oneRunsEveryTaskInTheCallersThread() {
        try (InferencePool pool = new InferencePool(1)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Supplier<Integer> task = () -> {
                threads.add(Thread.currentThread().getName());
                return 1;
            };
            assertEquals(List.of(1, 1, 1), all(pool, List.of(task, task, task)));
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }

    /**
     * The costliest task starts first wherever it stands in the list (a large text canvas scheduled last must not
     * run alone after the small ones), and the results still come back in the tasks' order.
     */
    @Test
    void theCostliestTaskStartsFirstAndResultsKeepTheirOrder() {
        try (InferencePool pool = new InferencePool(2)) {
            AtomicInteger starts = new AtomicInteger();
            List<InferencePool.Task<Integer>> tasks = new ArrayList<>();
            int[] startedAs = new int[6];
            double[] costs = {1, 2, 1, 3, 2, 50};
            for (int i = 0; i < costs.length; i++) {
                int n = i;
                tasks.add(new InferencePool.Task<>(() -> {
                    startedAs[n] = starts.getAndIncrement();
                    sleep(20);
                    return n * 10;
                }, costs[i]));
            }
            assertEquals(List.of(0, 10, 20, 30, 40, 50), pool.run(tasks));
            // two threads claim the first two tasks together, so either may record its start first
            assertTrue(startedAs[5] <= 1, "the costliest, scheduled last, started as #" + startedAs[5]);
            assertTrue(startedAs[3] <= 2, "the next costliest started as #" + startedAs[3]);
            assertTrue(startedAs[0] >= 4 && startedAs[2] >= 4, "the cheapest started last: " + startedAs[0] + ", "
                    + startedAs[2]);
        }
    }

    /**
     * A helper asks before every input whether a core is idle: once a second caller (a second event) is inside the
     * pool, the first caller's helper stops taking its inputs, so two events never run three inputs on two cores.
     */
    @Test
    void aHelperStandsAsideOnceEveryCoreHasACaller() throws InterruptedException {
        try (InferencePool pool = new InferencePool(2)) {
            AtomicBoolean secondInside = new AtomicBoolean();
            CountDownLatch firstStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger helperTasksAfter = new AtomicInteger();
            String caller = Thread.currentThread().getName();
            List<Supplier<Integer>> first = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                first.add(() -> {
                    firstStarted.countDown();
                    if (secondInside.get() && !Thread.currentThread().getName().equals(caller)) {
                        helperTasksAfter.incrementAndGet();
                    }
                    sleep(30);
                    return 1;
                });
            }
            Thread second = new Thread(() -> {
                try {
                    firstStarted.await(10, TimeUnit.SECONDS);
                    Supplier<Integer> holds = () -> {
                        secondInside.set(true);
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return 0;
                    };
                    all(pool, List.of(holds, () -> 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            second.start();
            assertEquals(10, all(pool, first).size());
            release.countDown();
            second.join(10_000);
            // the helper may have claimed one input just before the second caller came in
            assertTrue(helperTasksAfter.get() <= 1, "helper inputs after the second caller came in: "
                    + helperTasksAfter.get());
            assertTrue(secondInside.get(), "the second caller ran while the first was still busy");
        }
    }

    @Test
    void aTaskNeedsWorkAndACostOfAtLeastZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InferencePool.Task<>(() -> 1, Double.NaN));
        assertTrue(e.getMessage().contains("expected work and a cost >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InferencePool.Task<>(() -> 1, -1));
    }

    /** A failure fails the call, but only once every task already started has finished (they read the image). */
    @Test
    void aFailureWaitsForTheTasksStillRunning() {
        try (InferencePool pool = new InferencePool(2)) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger finished = new AtomicInteger();
            Supplier<Integer> slow = () -> {
                started.countDown();
                sleep(300);
                finished.incrementAndGet();
                return 1;
            };
            Supplier<Integer> failing = () -> {
                try {
                    started.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalArgumentException("model failed");
            };
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> all(pool, List.of(failing, slow)));
            assertEquals("model failed", e.getMessage());
            assertEquals(1, finished.get(), "the slow task had finished before the call failed");
        }
    }

    /** A closed pool (the application stopping) still runs a late caller's tasks, in the caller's thread. */
    @Test
    void aClosedPoolLeavesTheWorkToTheCaller() {
        InferencePool pool = new InferencePool(3);
        pool.close();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Supplier<Integer> task = () -> {
            threads.add(Thread.currentThread().getName());
            return 2;
        };
        assertEquals(List.of(2, 2, 2), all(pool, List.of(task, task, task)));
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void zeroMeansOnePerProcessorAndBelowZeroIsRefused() {
        try (InferencePool pool = new InferencePool(0)) {
            assertEquals(Runtime.getRuntime().availableProcessors(), pool.parallelism());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InferencePool(-1));
        assertTrue(e.getMessage().contains("expected parallel inferences >= 0"), e.getMessage());
    }

    /** The tasks at equal cost: they start in their order. */
    private static <T> List<T> all(InferencePool pool, List<? extends Supplier<T>> tasks) {
        return pool.run(tasks.stream().map(t -> new InferencePool.Task<T>(t, 0)).toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
