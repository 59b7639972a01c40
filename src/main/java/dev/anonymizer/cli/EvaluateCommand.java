package dev.anonymizer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.anonymizer.evaluation.DoubtMeasurement;
import dev.anonymizer.evaluation.DoubtTable;
import dev.anonymizer.evaluation.EvaluationReport;
import dev.anonymizer.evaluation.Evaluator;
import dev.anonymizer.evaluation.HtmlReport;
import dev.anonymizer.evaluation.ReportMaterial;
import dev.anonymizer.imaging.ImageDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate --labels DIR [--thresholds ...] [--target T] [--misses] [--report DIR]}: how much of the personal
 * data in a folder of labelled photos the current configuration censors, at several score thresholds, how much else
 * it censors, and which threshold reaches a target recall. The way to tune the function to one's own photos.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure recall and extra censored area on a folder of labelled photos.",
        footer = "Labels: labels.json (faces, objects) or one <image>.txt per photo (plates): see the README's "
                + "'Tuning to your photos'.")
public class EvaluateCommand implements Callable<Integer> {

    /** How many of the images with the most extra censored area the report shows. */
    static final int WORST_IMAGES = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "DIR", description = "Folder of labelled photos.")
    Path labels;

    @Option(names = "--thresholds", split = ",", paramLabel = "T", defaultValue = "0.3,0.4,0.5,0.6,0.7",
            description = "Minimum scores to try (default: ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Option(names = "--target", paramLabel = "R", defaultValue = "0.95",
            description = "Recall to reach; the highest threshold reaching it is named (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--misses", description = "Print every box missed at the lowest threshold.")
    boolean misses;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/index.html: table, plot, a crop of every miss, the most over-censored images.")
    Path report;

    @Option(names = "--doubts",
            description = "Instead: per doubt rule (anonymizer.review.rules), the photos it flags and the misses in "
                    + "them, at the configured thresholds; with --report, DIR/doubts.jsonl has each photo's.")
    boolean doubts;

    private final Evaluator evaluator;
    private final DoubtMeasurement doubtMeasurement;
    private final ImageDecoder decoder;

    public EvaluateCommand(Evaluator evaluator, DoubtMeasurement doubtMeasurement, ImageDecoder decoder) {
        this.evaluator = evaluator;
        this.doubtMeasurement = doubtMeasurement;
        this.decoder = decoder;
    }

    @Override
    public Integer call() throws java.io.IOException {
        if (!Files.isDirectory(labels)) {
            throw new ParameterException(spec.commandLine(),
                    "--labels must name a folder of labelled images, got " + labels);
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (doubts) {
            DoubtTable table = doubtMeasurement.measure(labels, err::println);
            out.println(table.markdown());
            if (report != null) {
                Files.createDirectories(report);
                Files.writeString(report.resolve("doubts.jsonl"), table.jsonLines());
                out.println("per photo: " + report.resolve("doubts.jsonl").toAbsolutePath());
            }
            return 0;
        }
        ReportMaterial material = report == null ? ReportMaterial.NONE : new ReportMaterial(decoder, WORST_IMAGES);
        EvaluationReport result = evaluator.evaluate(labels, thresholds, err::println, material);
        out.print(result.table());
        for (String group : result.groups()) {
            out.println(result.thresholdFor(group, target)
                    .map(t -> String.format(Locale.ROOT, "%s: threshold %.2f is the highest reaching %.0f%% recall",
                            group, t, 100 * target))
                    .orElse(String.format(Locale.ROOT, "%s: no threshold tried reaches %.0f%% recall", group,
                            100 * target)));
        }
        double lowest = result.thresholds().get(0);
        if (misses) {
            result.misses(lowest).forEach(m -> out.println("missed at " + lowest + ": " + m));
        }
        if (report != null) {
            out.println("report: " + HtmlReport.write(report, result, material).toAbsolutePath());
        }
        return 0;
    }
}
