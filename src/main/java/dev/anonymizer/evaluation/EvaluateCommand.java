package dev.anonymizer.evaluation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.Main;
import dev.anonymizer.Subcommand;

/**
 * {@code evaluate --labels DIR [--thresholds 0.3,0.4,0.5] [--target 0.95] [--misses]}: how much of the personal data
 * in a folder of labelled photos the current configuration censors, at several score thresholds, how much else it
 * censors, and which threshold reaches a target recall. The way to tune the function to one's own photos.
 */
@ApplicationScoped
public class EvaluateCommand implements Subcommand {

    private final Evaluator evaluator;

    public EvaluateCommand(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String usage() {
        return "--labels DIR [--thresholds 0.3,0.4,0.5,0.6,0.7] [--target 0.95] [--misses]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path labels = null;
        List<Double> thresholds = List.of(0.3, 0.4, 0.5, 0.6, 0.7);
        double target = 0.95;
        boolean misses = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--labels" -> labels = Path.of(value(args, ++i));
                    case "--thresholds" -> {
                        List<Double> t = new ArrayList<>();
                        for (String s : value(args, ++i).split(",")) {
                            t.add(Double.parseDouble(s.trim()));
                        }
                        thresholds = t;
                    }
                    case "--target" -> target = Double.parseDouble(value(args, ++i));
                    case "--misses" -> misses = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'");
                }
            }
            if (labels == null || !Files.isDirectory(labels)) {
                throw new IllegalArgumentException("--labels must name a folder of labelled images, got " + labels);
            }
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            err.println("usage: evaluate " + usage());
            return Main.USAGE;
        }
        EvaluationReport report = evaluator.evaluate(labels, thresholds, err::println);
        out.print(report.table());
        for (String group : report.groups()) {
            double t = target;
            out.println(report.thresholdFor(group, t)
                    .map(th -> String.format("%s: threshold %.2f is the highest reaching %.0f%% recall", group, th, 100 * t))
                    .orElse(String.format("%s: no threshold tried reaches %.0f%% recall", group, 100 * t)));
        }
        if (misses) {
            double lowest = thresholds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            report.misses(lowest).forEach(m -> out.println("missed at " + lowest + ": " + m));
        }
        return 0;
    }

    private static String value(List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(args.get(i - 1) + " needs a value");
        }
        return args.get(i);
    }
}
