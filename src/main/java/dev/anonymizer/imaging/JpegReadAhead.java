package dev.anonymizer.imaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.anonymizer.imaging.jpeg.JpegSource;

/**
 * The source JPEG of one image, read for its censored copy ({@link JpegSource}) on the encoder's own thread while
 * the search runs, or by the encoding thread itself when that thread has not started on it yet: whichever comes
 * first does it, once, and the encoder never waits behind other images' reads. Closing it (when the image is done,
 * encoded or not) keeps a read that has not started from starting.
 */
public final class JpegReadAhead implements AutoCloseable {

    private final Supplier<JpegSource> read;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<JpegSource> result = new CompletableFuture<>();

    JpegReadAhead(Supplier<JpegSource> read) {
        this.read = read;
    }

    /** Reads the source unless the encoding thread (or a close) came first. */
    void runIfUnclaimed() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            result.complete(read.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** Whether the read ran, or runs, on the encoder's thread. */
    boolean claimed() {
        return claimed.get();
    }

    /** The source read: read here when no thread has started on it, else as the read that started returns it. */
    JpegSource source() {
        runIfUnclaimed();
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (claimed.compareAndSet(false, true)) {
            result.completeExceptionally(new IllegalStateException("the image's read-ahead was closed before its use"));
        }
    }
}
