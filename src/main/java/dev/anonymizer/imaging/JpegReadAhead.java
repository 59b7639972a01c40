package dev.anonymizer.imaging;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import dev.anonymizer.imaging.jpeg.JpegSource;

/**
 * The source JPEG of one image, read for its censored copy ({@link JpegSource}) on the encoder's own thread while
 * the search runs, or by the encoding thread itself when that thread has not started on it yet: whichever comes
 * first does it, once (a {@link FutureTask} runs only once), and the encoder never waits behind other images' reads.
 * Closing it (when the image is done, encoded or not) keeps a read that has not started from starting.
 */
public final class JpegReadAhead implements AutoCloseable {

    private final FutureTask<JpegSource> read;

    JpegReadAhead(Supplier<JpegSource> read) {
        this.read = new FutureTask<>(read::get);
    }

    /** Reads the source unless a thread has started on it, or it was closed. */
    void readUnlessStarted() {
        read.run();
    }

    /** Whether the read has finished (on whichever thread). */
    boolean done() {
        return read.isDone();
    }

    /** The source read: read here when no thread has started on it, else as the read that started returns it. */
    JpegSource source() {
        read.run();
        try {
            return read.get();
        } catch (CancellationException e) {
            throw new IllegalStateException("the image's read-ahead was closed before its use", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the JPEG source was read", e);
        }
    }

    @Override
    public void close() {
        read.cancel(false);
    }
}
