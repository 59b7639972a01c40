package dev.anonymizer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.pipeline.ImageDestination;
import dev.anonymizer.pipeline.ImageJob;
import dev.anonymizer.pipeline.ImageSource;
import dev.anonymizer.pipeline.JobResult;
import dev.anonymizer.pipeline.JobRunner;

/**
 * The file door onto the {@link JobRunner}, for the {@code anonymize} command: one {@link ImageJob} from a file to
 * its censored copy and the audit record beside it ({@code <name>.audit.json}, as the function does). Like the
 * function it fails closed: the copy is written last, under a temporary name moved into place, and never over an
 * input.
 */
@ApplicationScoped
public class FileAnonymizer {

    private final JobRunner jobs;
    private final AuditConfig audit;

    public FileAnonymizer(JobRunner jobs, AuditConfig audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    /** Anonymizes {@code input} into {@code output}; never throws for one bad file. */
    public FileOutcome anonymize(Path input, Path output) {
        try {
            if (Files.exists(output) && Files.isSameFile(input, output)) {
                return new FileOutcome.Failed(input, "the output " + output + " is the input itself");
            }
            Path record = audit.enabled() ? output.resolveSibling(output.getFileName() + audit.keySuffix()) : null;
            JobResult result = jobs.run(new ImageJob(new ImageSource.File(input),
                    new ImageDestination.File(output, record)));
            if (result instanceof JobResult.Done done) {
                return new FileOutcome.Anonymized(input, output, done.image());
            }
            if (result instanceof JobResult.Rejected r) {
                return new FileOutcome.Rejected(input, r.reason(), r.message());
            }
            throw new IllegalStateException("a file source is never skipped: " + result);
        } catch (UncheckedIOException e) {
            return failed(input, e.getCause());
        } catch (IOException e) {
            return failed(input, e);
        }
    }

    private static FileOutcome failed(Path input, IOException e) {
        return new FileOutcome.Failed(input, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
