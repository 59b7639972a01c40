package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.pipeline.Outcome.SkipReason;
import dev.anonymizer.storage.LocalObjectStore;
import dev.anonymizer.storage.ObjectRef;

/**
 * The shell's two sources without the core: the byte limit refused from the size, and an object of the store skipped
 * when it is the anonymizer's own output or its copy already carries its version.
 */
class ImageSourceTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitIsRefusedFromItsSize() throws IOException {
        Path file = Files.write(dir.resolve("big.png"), new byte[100]);
        ImageSource.Read read = new ImageSource.File(file).read(99);
        assertEquals(new ImageSource.TooLarge("the file has 100 bytes, more than the limit of 99"), read);
        ImageSource.Bytes ok = assertInstanceOf(ImageSource.Bytes.class, new ImageSource.File(file).read(100));
        assertEquals(new Place.File(file), ok.place());
    }

    @Test
    void anObjectIsReadWithItsVersionOrSkipped() {
        LocalObjectStore store = new LocalObjectStore(dir, new ObjectMapper());
        ObjectRef in = ObjectRef.of("photos", "a.png");
        ObjectRef out = ObjectRef.of("photos-anonymized", "a.png");
        store.put(in, new byte[] {1, 2, 3}, "image/png", Map.of());
        ImageSource.Stored source = new ImageSource.Stored(store, in, out);

        ImageSource.Bytes first = assertInstanceOf(ImageSource.Bytes.class, source.read(3));
        assertArrayEquals(new byte[] {1, 2, 3}, first.bytes());
        Place.Stored read = assertInstanceOf(Place.Stored.class, first.place());
        assertEquals(in, read.ref());
        assertInstanceOf(ImageSource.TooLarge.class, source.read(2));

        // the copy of this version is there: skipped, and pointing at the ETag it was made from
        store.put(out, new byte[] {9}, "image/png", OutputMarks.copyOf(read));
        ImageSource.Skip done = assertInstanceOf(ImageSource.Skip.class, source.read(3));
        assertEquals(SkipReason.ALREADY_ANONYMIZED, done.reason());
        assertEquals("the output already holds this version (ETag " + read.etag() + ")", done.message());

        // an object the anonymizer wrote is never processed again
        ObjectRef record = ObjectRef.of("photos", "b.png.audit.json");
        store.put(record, new byte[] {4}, "application/json", OutputMarks.audit());
        ImageSource.Skip own = assertInstanceOf(ImageSource.Skip.class,
                new ImageSource.Stored(store, record, ObjectRef.of("photos-anonymized", "b.png.audit.json")).read(3));
        assertEquals(SkipReason.OWN_OUTPUT, own.reason());
    }

    @Test
    void aCopyNamesItsSourceObjectAndVersion() {
        Place.Stored from = new Place.Stored(ObjectRef.of("photos", "cars/a.png"), "abc");
        assertEquals(Map.of(OutputMarks.MARKER, "true", OutputMarks.SOURCE, "photos/cars/a.png",
                OutputMarks.SOURCE_ETAG, "abc"), OutputMarks.copyOf(from));
        assertEquals(Map.of(OutputMarks.MARKER, "true"), OutputMarks.copyOf(new Place.File(Path.of("a.png"))));
    }
}
