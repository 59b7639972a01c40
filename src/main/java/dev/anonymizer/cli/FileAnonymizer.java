package dev.anonymizer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.config.ImageLimitsConfig;
import dev.anonymizer.imaging.RejectedImageException;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.AnonymizedImage;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.pipeline.AuditRecord;
import dev.anonymizer.pipeline.Place;
import dev.anonymizer.storage.AtomicFiles;

/**
 * The file shell around the {@link Anonymizer} core, for the {@code anonymize} command: read a file, anonymize it,
 * write the censored copy and its audit record beside it ({@code <name>.audit.json}, as the function does). Like
 * the function it fails closed: the copy is written last, under a temporary name moved into place, and never over
 * an input.
 */
@ApplicationScoped
public class FileAnonymizer {

    private final Anonymizer core;
    private final AuditConfig audit;
    private final ImageLimitsConfig limits;
    private final ObjectMapper json;

    public FileAnonymizer(Anonymizer core, AuditConfig audit, ImageLimitsConfig limits, ObjectMapper json) {
        this.core = core;
        this.audit = audit;
        this.limits = limits;
        this.json = json;
    }

    /** Anonymizes {@code input} into {@code output}; never throws for one bad file. */
    public FileOutcome anonymize(Path input, Path output) {
        try {
            if (Files.exists(output) && Files.isSameFile(input, output)) {
                return new FileOutcome.Failed(input, "the output " + output + " is the input itself");
            }
            long size = Files.size(input);
            if (size > limits.maxBytes()) {
                return new FileOutcome.Rejected(input, RejectionReason.TOO_LARGE, "the file has " + size
                        + " bytes, more than the limit of " + limits.maxBytes() + " (anonymizer.limits.max-bytes)");
            }
            AnonymizedImage image = core.anonymize(Files.readAllBytes(input));
            Files.createDirectories(output.toAbsolutePath().getParent());
            if (audit.enabled()) {
                Path record = output.resolveSibling(output.getFileName() + audit.keySuffix());
                AtomicFiles.write(record, AuditRecord.build(json, new Place.File(input), new Place.File(output), image,
                        image.timingsMs()));
            }
            AtomicFiles.write(output, image.bytes());
            return new FileOutcome.Anonymized(input, output, image);
        } catch (RejectedImageException e) {
            return new FileOutcome.Rejected(input, e.reason(), e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new FileOutcome.Failed(input, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
