package dev.anonymizer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;

/** Listing a local bucket while objects are written into it (temporary files renamed into place). */
class LocalObjectStoreListTest {

    @Test
    void aFileGoneBeforeTheWalkReadsItIsPassedOver() throws IOException {
        Path dir = Path.of("bucket");
        LocalObjectStore.KeyCollector collector = new LocalObjectStore.KeyCollector(dir, new ArrayList<>());
        Path renamed = dir.resolve("photos/.img-014.png.tmp-1");
        assertEquals(FileVisitResult.CONTINUE,
                collector.visitFileFailed(renamed, new NoSuchFileException(renamed.toString())));
        assertEquals(FileVisitResult.CONTINUE,
                collector.postVisitDirectory(dir.resolve("photos"), new NoSuchFileException("photos")));
    }

    @Test
    void anyOtherFailureFailsTheListing() {
        Path dir = Path.of("bucket");
        LocalObjectStore.KeyCollector collector = new LocalObjectStore.KeyCollector(dir, new ArrayList<>());
        IOException denied = new AccessDeniedException("bucket/photos/a.jpg");
        assertSame(denied, assertThrows(IOException.class, () -> collector.visitFileFailed(dir.resolve("a"), denied)));
        assertSame(denied, assertThrows(IOException.class, () -> collector.postVisitDirectory(dir, denied)));
    }

    @Test
    void objectsAreListedSortedWithoutHiddenFiles(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("b/photos"));
        Files.writeString(root.resolve("b/photos/b.jpg"), "b");
        Files.writeString(root.resolve("b/photos/a.jpg"), "a");
        Files.writeString(root.resolve("b/photos/.a.jpg.tmp-1"), "partial");
        LocalObjectStore store = new LocalObjectStore(root, new ObjectMapper());
        List<String> keys = new ArrayList<>();
        store.list("b", "photos/", n -> keys.add(n.key()));
        assertEquals(List.of("photos/a.jpg", "photos/b.jpg"), keys);
    }
}
