package dev.anonymizer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.anonymizer.config.BackfillConfig;
import dev.anonymizer.region.Category;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anonymize PATH... [-o DIR] [--parallelism N]}: censored copies of photos on this machine, with the function's
 * formats, policy, metadata handling and audit records. The summary goes to stdout; progress, rejections and
 * failures to stderr; the exit status is 1 when any file was not anonymized.
 */
@Command(name = "anonymize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Anonymize image files and folders (recursively) into an output folder.",
        footer = "Formats, censoring and metadata removal are the function's (see the anonymizer.* settings); "
                + "<name>.audit.json is written beside each copy. Exit status: 0 all anonymized, 1 some file was "
                + "not, 2 wrong command line.")
public class AnonymizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Image files, or folders searched recursively for images (jpg, jpeg, png, webp, tif, "
                    + "tiff, bmp; other files are left alone).")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "anonymized",
            description = "Folder for the censored copies (default: ${DEFAULT-VALUE}); a folder's inner paths are kept.")
    Path output;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Images at once (default: anonymizer.backfill.parallelism; 0 there: one per CPU).")
    Integer parallelism;

    private final FileAnonymizer files;
    private final BackfillConfig config;

    public AnonymizeCommand(FileAnonymizer files, BackfillConfig config) {
        this.files = files;
        this.config = config;
    }

    @Override
    public Integer call() throws InterruptedException {
        InputFiles.Plan plan = plan();
        long start = System.nanoTime();
        List<FileOutcome> outcomes = run(plan.jobs(), threads());
        double seconds = (System.nanoTime() - start) / 1e9;
        outcomes.stream().filter(o -> !(o instanceof FileOutcome.Anonymized)).forEach(o -> spec.commandLine().getErr()
                .println(describe(o)));
        spec.commandLine().getOut().println(summary(plan, outcomes, seconds));
        return outcomes.stream().allMatch(o -> o instanceof FileOutcome.Anonymized) ? 0 : 1;
    }

    private InputFiles.Plan plan() {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), "no such file or folder: " + p);
            }
        }
        try {
            InputFiles.Plan plan = InputFiles.plan(paths, output);
            if (plan.jobs().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no images found in " + paths);
            }
            return plan;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int threads() {
        int n = parallelism != null ? parallelism : config.parallelism();
        if (n < 0) {
            throw new ParameterException(spec.commandLine(), "--parallelism: expected 0 or more, got " + n);
        }
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    private List<FileOutcome> run(List<InputFiles.Job> jobs, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()));
        try (ProgressBar bar = ProgressBars.open("anonymize", "images", jobs.size(), System.err,
                config.progressInterval())) {
            List<Future<FileOutcome>> futures = new ArrayList<>();
            for (InputFiles.Job job : jobs) {
                futures.add(pool.submit(() -> {
                    FileOutcome o = files.anonymize(job.input(), job.output());
                    bar.step();
                    return o;
                }));
            }
            List<FileOutcome> out = new ArrayList<>();
            for (Future<FileOutcome> f : futures) {
                out.add(get(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileOutcome get(Future<FileOutcome> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // FileAnonymizer answers every bad file with an outcome; anything else is a bug worth its stack trace
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String describe(FileOutcome o) {
        if (o instanceof FileOutcome.Rejected r) {
            return "rejected " + r.input() + ": " + r.reason().code() + ": " + r.message();
        }
        FileOutcome.Failed f = (FileOutcome.Failed) o;
        return "failed " + f.input() + ": " + f.message();
    }

    private String summary(InputFiles.Plan plan, List<FileOutcome> outcomes, double seconds) {
        long anonymized = outcomes.stream().filter(o -> o instanceof FileOutcome.Anonymized).count();
        long rejected = outcomes.stream().filter(o -> o instanceof FileOutcome.Rejected).count();
        long failed = outcomes.size() - anonymized - rejected;
        Map<Category, Integer> regions = new EnumMap<>(Category.class);
        Map<Category, Integer> censored = new EnumMap<>(Category.class);
        for (FileOutcome o : outcomes) {
            if (o instanceof FileOutcome.Anonymized a) {
                a.image().counts().forEach((c, n) -> regions.merge(c, n, Integer::sum));
                a.image().censored().forEach(r -> censored.merge(r.category(), 1, Integer::sum));
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "anonymize: %d images: %d anonymized, %d rejected, %d failed in %.1f s (%.2f images/s) into %s",
                outcomes.size(), anonymized, rejected, failed, seconds, seconds > 0 ? outcomes.size() / seconds : 0,
                output));
        s.append("\n  regions found: ").append(counts(regions)).append("; censored: ").append(counts(censored));
        if (plan.leftAlone() > 0) {
            s.append("\n  ").append(plan.leftAlone()).append(" other files in the folders were left alone (not images)");
        }
        return s.toString();
    }

    private static String counts(Map<Category, Integer> m) {
        String joined = m.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(", "));
        return joined.isEmpty() ? "none" : joined;
    }
}
