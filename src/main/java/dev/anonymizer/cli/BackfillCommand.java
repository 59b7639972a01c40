package dev.anonymizer.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import dev.anonymizer.backfill.BackfillMode;
import dev.anonymizer.backfill.BackfillReport;
import dev.anonymizer.backfill.BackfillRequest;
import dev.anonymizer.backfill.BackfillService;
import dev.anonymizer.backfill.ObjectResult;
import dev.anonymizer.config.BackfillConfig;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backfill --bucket B [--prefix P] [--publish [URL]] [--parallelism N] [--max-objects K]}: anonymizes what a
 * bucket already holds, in this process or by publishing one event per object. Progress on stderr, the summary on
 * stdout; exit status 1 when an object failed (rejections are the input's fault and do not count).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Anonymize what a bucket already holds: here (process) or by publishing one event per object.",
        footer = "Resumable: objects whose output already holds their version are skipped. See docs/backfill.md.")
public class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bucket", required = true, paramLabel = "B", description = "The bucket to backfill.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys under this prefix.")
    String prefix;

    @Option(names = "--publish", arity = "0..1", paramLabel = "URL", fallbackValue = "",
            description = "Publish one dev.anonymizer.image.stored event per object to URL (without URL: "
                    + "anonymizer.backfill.sink, K_SINK) instead of processing here.")
    String publish;

    @Option(names = "--process", description = "Process here even when a sink is configured.")
    boolean process;

    @Option(names = "--stale", description = "Also make again every copy whose audit record names another "
            + "censoring policy (policy.fingerprint) or other models (models[].sha256) than the running ones; "
            + "process mode.")
    boolean stale;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Objects at once (default: anonymizer.backfill.parallelism, or publish-concurrency).")
    Integer parallelism;

    @Option(names = "--max-objects", paramLabel = "K",
            description = "Stop after K objects (default: anonymizer.backfill.max-objects; 0 = no limit).")
    Long maxObjects;

    private final BackfillService backfill;
    private final BackfillConfig config;

    public BackfillCommand(BackfillService backfill, BackfillConfig config) {
        this.backfill = backfill;
        this.config = config;
    }

    @Override
    public Integer call() {
        BackfillRequest request = request();
        Map<ObjectResult.Status, LongAdder> counts = new EnumMap<>(ObjectResult.Status.class);
        for (ObjectResult.Status s : ObjectResult.Status.values()) {
            counts.put(s, new LongAdder());
        }
        ProgressBar[] bar = new ProgressBar[1];
        BackfillReport report;
        try {
            report = backfill.run(request, new BackfillService.Progress() {
                @Override
                public void started(long total) {
                    bar[0] = ProgressBars.open("backfill " + request.where(), "objects", total, System.err,
                            config.progressInterval());
                }

                @Override
                public void handled(ObjectResult result) {
                    counts.get(result.status()).increment();
                    bar[0].setExtraMessage(counts.entrySet().stream().filter(e -> e.getValue().sum() > 0)
                            .map(e -> e.getValue().sum() + " " + e.getKey().key()).collect(Collectors.joining(" ")));
                    bar[0].step();
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        spec.commandLine().getOut().println(report.summary());
        return report.succeeded() ? 0 : 1;
    }

    private BackfillRequest request() {
        if (process && publish != null) {
            throw new ParameterException(spec.commandLine(), "--process and --publish exclude each other");
        }
        Optional<BackfillMode> mode = process ? Optional.of(BackfillMode.PROCESS)
                : publish != null ? Optional.of(BackfillMode.PUBLISH) : Optional.empty();
        Optional<String> sink = publish == null || publish.isEmpty() ? Optional.empty() : Optional.of(publish);
        try {
            return backfill.request(bucket, prefix, mode, sink,
                    parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism),
                    maxObjects == null ? OptionalLong.empty() : OptionalLong.of(maxObjects), stale);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
