package dev.anonymizer.pipeline;

import java.nio.file.Path;

import dev.anonymizer.storage.ObjectRef;

/** Where an image was read from or its censored copy went, as the audit record names it. */
public sealed interface Place {

    /** The audit record's input part: this place, and the input's checksum, size and kind. */
    AuditDocument.Input input(AnonymizedImage image);

    /** The audit record's output part: this place, and the censored copy's checksum and size. */
    AuditDocument.Output output(AnonymizedImage image);

    /**
     * An object of the store.
     *
     * @param etag the version read; null when unknown, and unused for an output
     */
    record Stored(ObjectRef ref, String etag) implements Place {

        @Override
        public AuditDocument.Input input(AnonymizedImage image) {
            AnonymizedImage.Facts f = image.facts();
            return new AuditDocument.StoredInput(ref.bucket(), ref.key(), etag, f.inputSha256(), f.inputBytes(),
                    image.info().format().name(), image.info().width(), image.info().height(),
                    image.info().orientation());
        }

        @Override
        public AuditDocument.Output output(AnonymizedImage image) {
            return new AuditDocument.StoredOutput(ref.bucket(), ref.key(), image.facts().outputSha256(),
                    image.bytes().length);
        }
    }

    /** A file of the command line. */
    record File(Path path) implements Place {

        @Override
        public AuditDocument.Input input(AnonymizedImage image) {
            AnonymizedImage.Facts f = image.facts();
            return new AuditDocument.FileInput(path.toString(), f.inputSha256(), f.inputBytes(),
                    image.info().format().name(), image.info().width(), image.info().height(),
                    image.info().orientation());
        }

        @Override
        public AuditDocument.Output output(AnonymizedImage image) {
            return new AuditDocument.FileOutput(path.toString(), image.facts().outputSha256(), image.bytes().length);
        }
    }
}
