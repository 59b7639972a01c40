package dev.anonymizer.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.anonymizer.pipeline.Outcome.SkipReason;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.ObjectTooLargeException;
import dev.anonymizer.storage.StoredObject;

/** Where an {@link ImageJob} reads its image: an object of the store or a file. */
public sealed interface ImageSource {

    /**
     * Reads the image, refusing one of more than {@code maxBytes} from its size before its bytes are read. A fault
     * of the store is thrown as it is; a file that cannot be read as {@link UncheckedIOException}.
     */
    Read read(long maxBytes);

    /** True when reading is a step of its own in the timings ({@code fetch}); a file's read is not timed. */
    boolean timed();

    /** What reading gave. */
    sealed interface Read {
    }

    /** The image's bytes, and where they came from (with the version read). */
    record Bytes(byte[] bytes, Place place) implements Read {
    }

    /** Nothing to do: the input is the anonymizer's own output, or its output is there already. */
    record Skip(SkipReason reason, String message) implements Read {
    }

    /** The input is larger than allowed; {@code message} says how large, without the setting's name. */
    record TooLarge(String message) implements Read {
    }

    /**
     * An object of the store, whose censored copy goes to {@code output}: skipped when that copy already carries the
     * input's ETag (found out from the event's ETag before the download where it names one) or when the object
     * carries the output marker.
     *
     * @param redo true to make the copy again even when the output holds this version ({@code backfill --stale})
     * @param held hold mode: where a copy held for review would be (a version held there is skipped too, so a
     *             redelivered event or a backfill run does not make it again); null otherwise
     */
    record Stored(ObjectStore store, ObjectRef ref, ObjectRef output, boolean redo, ObjectRef held)
            implements ImageSource {

        /** A source that skips a version the output already holds. */
        public Stored(ObjectStore store, ObjectRef ref, ObjectRef output) {
            this(store, ref, output, false, null);
        }

        /** A source that skips a version the output already holds, unless {@code redo}. */
        public Stored(ObjectStore store, ObjectRef ref, ObjectRef output, boolean redo) {
            this(store, ref, output, redo, null);
        }

        @Override
        public Read read(long maxBytes) {
            String doneEtag = redo ? null : store.head(output).map(OutputMarks::sourceEtag).orElse(null);
            if (ref.etag() != null && ref.etag().equals(doneEtag)) {
                return alreadyDone(doneEtag);
            }
            String heldEtag = redo || held == null ? null : store.head(held).map(OutputMarks::sourceEtag).orElse(null);
            if (ref.etag() != null && ref.etag().equals(heldEtag)) {
                return alreadyHeld(heldEtag);
            }
            StoredObject object;
            try {
                object = store.get(ref, maxBytes);
            } catch (ObjectTooLargeException e) {
                return new TooLarge(e.getMessage());
            }
            if (OutputMarks.isOutput(object.metadata())) {
                return new Skip(SkipReason.OWN_OUTPUT, "the object carries the anonymizer's output marker");
            }
            if (object.etag() != null && object.etag().equals(doneEtag)) {
                return alreadyDone(doneEtag);
            }
            if (object.etag() != null && object.etag().equals(heldEtag)) {
                return alreadyHeld(heldEtag);
            }
            return new Bytes(object.bytes(), new Place.Stored(ref, object.etag()));
        }

        @Override
        public boolean timed() {
            return true;
        }

        private static Skip alreadyHeld(String etag) {
            return new Skip(SkipReason.ALREADY_HELD, "a copy of this version is held for review (ETag " + etag
                    + ")");
        }

        private static Skip alreadyDone(String etag) {
            return new Skip(SkipReason.ALREADY_ANONYMIZED, "the output already holds this version (ETag " + etag + ")");
        }
    }

    /** A file of the command line. */
    record File(Path path) implements ImageSource {

        @Override
        public Read read(long maxBytes) {
            try {
                long size = Files.size(path);
                if (size > maxBytes) {
                    return new TooLarge("the file has " + size + " bytes, more than the limit of " + maxBytes);
                }
                return new Bytes(Files.readAllBytes(path), new Place.File(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean timed() {
            return false;
        }
    }
}
