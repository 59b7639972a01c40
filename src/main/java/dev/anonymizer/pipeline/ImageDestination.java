package dev.anonymizer.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.anonymizer.storage.AtomicFiles;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;

/**
 * Where an {@link ImageJob} writes the censored copy and its audit record: objects of the store, or files (through
 * {@link AtomicFiles}). Each write is all-or-nothing.
 */
public sealed interface ImageDestination {

    /** Where the copy goes, as the audit record names it. */
    Place place();

    /** True when an audit record is written (it is off, or has no location, otherwise). */
    boolean audited();

    /** Writes the audit record; only called when {@link #audited()}. */
    void writeAudit(byte[] record);

    /** Writes the censored copy of the image read from {@code from}. */
    void writeCopy(AnonymizedImage image, Place from);

    /** True when writing is a step of its own in the timings ({@code store}); writing files is not timed. */
    boolean timed();

    /**
     * Objects of the store: the copy marked as output, naming its source and the ETag read.
     *
     * @param audit the audit record's object; null when audit records are off
     */
    record Stored(ObjectStore store, ObjectRef copy, ObjectRef audit) implements ImageDestination {

        @Override
        public Place place() {
            return new Place.Stored(copy, null);
        }

        @Override
        public boolean audited() {
            return audit != null;
        }

        @Override
        public void writeAudit(byte[] record) {
            store.put(audit, record, "application/json", OutputMarks.audit());
        }

        @Override
        public void writeCopy(AnonymizedImage image, Place from) {
            store.put(copy, image.bytes(), image.info().format().contentType(),
                    OutputMarks.copyOf(from));
        }

        @Override
        public boolean timed() {
            return true;
        }
    }

    /**
     * Files, their folder created when missing; a file that cannot be written is {@link UncheckedIOException}.
     *
     * @param audit the audit record's file; null when audit records are off
     */
    record File(Path copy, Path audit) implements ImageDestination {

        @Override
        public Place place() {
            return new Place.File(copy);
        }

        @Override
        public boolean audited() {
            return audit != null;
        }

        @Override
        public void writeAudit(byte[] record) {
            write(audit, record);
        }

        @Override
        public void writeCopy(AnonymizedImage image, Place from) {
            write(copy, image.bytes());
        }

        @Override
        public boolean timed() {
            return false;
        }

        private static void write(Path file, byte[] bytes) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                AtomicFiles.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
