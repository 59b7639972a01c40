package dev.anonymizer.detection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Direct buffers for model input tensors, handed back after the inference and handed out again: a fresh direct
 * buffer is zeroed and page-faulted in by the JVM before the tensor is filled (a 1 MP input is 12 MB), and is freed
 * only after a garbage collection. At most {@code maxKept} buffers are kept; a request no kept buffer can hold gets a
 * new one.
 */
final class InputBuffers {

    /** The buffers of the detectors, as many kept as inputs can run at once on this machine's cores, twice. */
    private static final InputBuffers SHARED = new InputBuffers(2 * Runtime.getRuntime().availableProcessors());

    private final int maxKept;
    private final List<ByteBuffer> kept = new ArrayList<>();

    InputBuffers(int maxKept) {
        if (maxKept < 0) {
            throw new IllegalArgumentException("expected maxKept >= 0, got " + maxKept);
        }
        this.maxKept = maxKept;
    }

    static InputBuffers shared() {
        return SHARED;
    }

    /** A buffer of exactly {@code bytes} (position 0, limit {@code bytes}, native order) and how to hand it back. */
    Lease take(int bytes) {
        ByteBuffer buffer = smallestKeptHolding(bytes);
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(bytes);
        }
        buffer.clear().limit(bytes);
        return new Lease(buffer.slice().order(ByteOrder.nativeOrder()), buffer);
    }

    /** How many buffers are kept for the next requests (for tests). */
    synchronized int keptCount() {
        return kept.size();
    }

    private synchronized ByteBuffer smallestKeptHolding(int bytes) {
        ByteBuffer best = null;
        for (ByteBuffer b : kept) {
            if (b.capacity() >= bytes && (best == null || b.capacity() < best.capacity())) {
                best = b;
            }
        }
        if (best != null) {
            kept.remove(best);
        }
        return best;
    }

    private synchronized void giveBack(ByteBuffer buffer) {
        if (kept.size() < maxKept) {
            kept.add(buffer);
            return;
        }
        // full: keep the larger of the buffer and the smallest kept, so large inputs keep finding one
        ByteBuffer smallest = kept.stream().min((a, b) -> Integer.compare(a.capacity(), b.capacity())).orElse(null);
        if (smallest != null && smallest.capacity() < buffer.capacity()) {
            kept.remove(smallest);
            kept.add(buffer);
        }
    }

    /** One buffer lent out; {@link #run} hands it back, once however often it is called. */
    final class Lease implements Runnable {

        private final ByteBuffer view;
        private final ByteBuffer whole;
        private final AtomicBoolean returned = new AtomicBoolean();

        private Lease(ByteBuffer view, ByteBuffer whole) {
            this.view = view;
            this.whole = whole;
        }

        /** The lent bytes: exactly as many as asked for. */
        ByteBuffer bytes() {
            return view;
        }

        @Override
        public void run() {
            if (returned.compareAndSet(false, true)) {
                giveBack(whole);
            }
        }
    }
}
