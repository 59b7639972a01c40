package dev.anonymizer.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.anonymizer.config.ReviewMode;
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

    /** Where this image goes: this destination, or (hold mode) the review area for a photo with doubts. */
    default ImageDestination forImage(AnonymizedImage image) {
        return this;
    }

    /** True when the copy waits in the review area for a person, not in the output. */
    default boolean held() {
        return false;
    }

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
     * Hold mode: a photo the core has doubts about goes to the review area ({@link ReviewArea}) instead of the output,
     * its audit record beside it; any other photo goes to the output.
     */
    record Holding(Stored output, Stored review) implements ImageDestination {

        @Override
        public ImageDestination forImage(AnonymizedImage image) {
            return CopyPlacement.of(ReviewMode.HOLD, image) == CopyPlacement.HELD ? new Held(review) : output;
        }

        @Override
        public Place place() {
            return output.place();
        }

        @Override
        public boolean audited() {
            return output.audited();
        }

        @Override
        public void writeAudit(byte[] record) {
            throw new IllegalStateException("choose the destination for the image first (forImage)");
        }

        @Override
        public void writeCopy(AnonymizedImage image, Place from) {
            throw new IllegalStateException("choose the destination for the image first (forImage)");
        }

        @Override
        public boolean timed() {
            return true;
        }
    }

    /** The review area's objects for one held photo: written as {@link Stored} writes, marked held. */
    record Held(Stored at) implements ImageDestination {

        @Override
        public Place place() {
            return at.place();
        }

        @Override
        public boolean audited() {
            return at.audited();
        }

        @Override
        public void writeAudit(byte[] record) {
            at.writeAudit(record);
        }

        @Override
        public void writeCopy(AnonymizedImage image, Place from) {
            at.writeCopy(image, from);
        }

        @Override
        public boolean timed() {
            return true;
        }

        @Override
        public boolean held() {
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
