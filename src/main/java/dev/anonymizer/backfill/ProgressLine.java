package dev.anonymizer.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a command-line backfill, on stderr: count, rate and ETA. Plain text: on a terminal the line
 * is rewritten in place with a carriage return; elsewhere (a Job's log) a new line is printed every ten intervals.
 */
final class ProgressLine implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final boolean publish;
    private final long total;
    private final Tally tally;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private int lastLength;

    ProgressLine(PrintStream out, boolean terminal, Duration interval, String label, boolean publish, long total,
            Tally tally) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.publish = publish;
        this.total = total;
        this.tally = tally;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backfill-progress");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, interval.toMillis()) * (terminal ? 1 : 10);
        timer.scheduleAtFixedRate(this::print, every, every, TimeUnit.MILLISECONDS);
    }

    /** The current line, without line ending. */
    String line() {
        long done = tally.done();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? formatSeconds((total - done) / rate) : done >= total ? "0s" : "?";
        String counts = publish
                ? String.format(Locale.ROOT, "%d published %d skipped %d failed", tally.count(ObjectResult.PUBLISHED),
                        tally.count(ObjectResult.SKIPPED), tally.count(ObjectResult.FAILED))
                : String.format(Locale.ROOT, "%d anonymized %d skipped %d rejected %d failed",
                        tally.count(ObjectResult.ANONYMIZED), tally.count(ObjectResult.SKIPPED),
                        tally.count(ObjectResult.REJECTED), tally.count(ObjectResult.FAILED));
        return String.format(Locale.ROOT, "%s: %d/%d (%.0f%%) %s | %.1f/s | elapsed %s | ETA %s", label, done, total,
                total == 0 ? 100.0 : done * 100.0 / total, counts, rate, formatSeconds(seconds), eta);
    }

    private synchronized void print() {
        String line = line();
        if (terminal) {
            // pad with spaces so a shorter line fully covers the previous one
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        if (t < 60) {
            return t + "s";
        }
        if (t < 3600) {
            return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
        }
        return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
    }

    /** Stops the timer and prints the final state on its own line. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (terminal) {
                print();
                out.println();
            } else {
                out.println(line());
            }
            out.flush();
        }
    }
}
