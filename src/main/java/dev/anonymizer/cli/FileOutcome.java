package dev.anonymizer.cli;

import java.nio.file.Path;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.AnonymizedImage;

/** What the {@code anonymize} command did with one file. */
public sealed interface FileOutcome {

    /** The file given or found. */
    Path input();

    /** The censored copy (and its audit record, when on) was written. */
    record Anonymized(Path input, Path output, AnonymizedImage image) implements FileOutcome {
    }

    /** The file is no image this can anonymize (not an image, unsupported format, corrupt, too large, ...). */
    record Rejected(Path input, RejectionReason reason, String message) implements FileOutcome {
    }

    /** Reading or writing failed, or the output would have replaced an input. */
    record Failed(Path input, String message) implements FileOutcome {
    }
}
