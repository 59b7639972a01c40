package dev.anonymizer.backfill;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.Main;
import dev.anonymizer.Subcommand;

/**
 * {@code backfill --bucket B [--prefix P] [--publish [URL]] [--parallelism N] [--max-objects K]}: anonymizes what a
 * bucket already holds. Without {@code --publish} this process does the work; with it, it publishes one event per
 * object to URL (or to the configured sink, {@code K_SINK}). Progress goes to stderr, the summary to stdout.
 */
@ApplicationScoped
public class BackfillCommand implements Subcommand {

    private final BackfillService backfill;

    public BackfillCommand(BackfillService backfill) {
        this.backfill = backfill;
    }

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String usage() {
        return "--bucket B [--prefix P] [--publish [URL]] [--parallelism N] [--max-objects K]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        BackfillRequest request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("backfill: " + e.getMessage());
            err.println("usage: backfill " + usage());
            return Main.USAGE;
        }
        BackfillReport report = backfill.run(request, err, System.console() != null);
        out.println(report.summary());
        return report.succeeded() ? 0 : 1;
    }

    BackfillRequest parse(List<String> args) {
        String bucket = null;
        String prefix = "";
        Optional<BackfillMode> mode = Optional.empty();
        Optional<String> sink = Optional.empty();
        OptionalInt parallelism = OptionalInt.empty();
        OptionalLong max = OptionalLong.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--bucket" -> bucket = value(args, ++i, a);
                case "--prefix" -> prefix = value(args, ++i, a);
                case "--publish" -> {
                    mode = Optional.of(BackfillMode.PUBLISH);
                    // the URL is optional: without it the configured sink (K_SINK) is used
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        sink = Optional.of(args.get(++i));
                    }
                }
                case "--process" -> mode = Optional.of(BackfillMode.PROCESS);
                case "--parallelism" -> parallelism = OptionalInt.of(number(value(args, ++i, a), a));
                case "--max-objects" -> max = OptionalLong.of(number(value(args, ++i, a), a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (bucket == null) {
            throw new IllegalArgumentException("--bucket is required");
        }
        return backfill.request(bucket, prefix, mode, sink, parallelism, max);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String s, String option) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a number, got '" + s + "'");
        }
    }
}
