package dev.anonymizer.cli;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The commands' progress bar (me.tongfei:progressbar) on stderr: count, rate, elapsed time and ETA. On a terminal it
 * is redrawn in place; elsewhere (a Job's log, a pipe) a new line is written every ten intervals, so logs stay
 * readable.
 */
final class ProgressBars {

    /** Width of a line written to a log, where no terminal says how wide it may be. */
    private static final int LOG_LINE_LENGTH = 140;

    private ProgressBars() {
    }

    static ProgressBar open(String task, String unit, long total, PrintStream err, Duration interval) {
        boolean terminal = System.console() != null;
        int every = (int) Math.max(50, interval.toMillis()) * (terminal ? 1 : 10);
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(every)
                .showSpeed(new DecimalFormat("0.00"))
                .setUnit(" " + unit, 1)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(err)
                        : new DelegatingProgressBarConsumer(err::println, LOG_LINE_LENGTH))
                .build();
    }
}
