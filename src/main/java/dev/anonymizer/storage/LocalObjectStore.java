package dev.anonymizer.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded store: a bucket is a directory under the root and a key a relative path in it. User metadata lives in
 * {@code <root>/.metadata/<bucket>/<key>.json}. The ETag is the MD5 of the content, as S3 gives for simple uploads.
 * Files are written to a hidden temporary name and moved into place atomically.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final String METADATA_DIR = ".metadata";
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private final Path root;
    private final ObjectMapper json;
    /**
     * ETags by file, valid while the file keeps its size and modification time: every event HEADs its output, and
     * hashing the whole file each time was repeated work.
     */
    private final java.util.concurrent.ConcurrentMap<Path, KnownEtag> etags = new java.util.concurrent.ConcurrentHashMap<>();

    private record KnownEtag(long size, java.nio.file.attribute.FileTime modified, String etag) {
    }

    public LocalObjectStore(Path root, ObjectMapper json) {
        this.root = root.toAbsolutePath().normalize();
        this.json = json;
    }

    public Path root() {
        return root;
    }

    /**
     * The file of an object; refuses ({@link InvalidObjectNameException}) bucket names that are not one plain
     * directory name (a leading dot would reach the store's own metadata), and, as a last guard below the shared
     * rules, a key that would leave its bucket.
     */
    public Path file(ObjectRef ref) {
        Path bucketDir = bucketDir(ref.bucket());
        Path file = bucketDir.resolve(ref.key()).normalize();
        if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
            throw new InvalidObjectNameException("key '" + ref.key() + "' leaves bucket '" + ref.bucket() + "'");
        }
        return file;
    }

    private Path bucketDir(String bucket) {
        if (bucket.contains("/") || bucket.contains("\\") || bucket.startsWith(".")) {
            throw new InvalidObjectNameException("invalid bucket name '" + bucket + "'");
        }
        return root.resolve(bucket);
    }

    private Path metadataFile(ObjectRef ref) {
        return root.resolve(METADATA_DIR).resolve(ref.bucket()).resolve(ref.key() + ".json");
    }

    @Override
    public StoredObject get(ObjectRef ref, long maxBytes) {
        Path file = file(ref);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ObjectTooLargeException(ref, size, maxBytes);
            }
            byte[] bytes = Files.readAllBytes(file);
            Map<String, String> metadata = readMetadata(ref);
            String contentType = metadata.getOrDefault("content-type", "application/octet-stream");
            return new StoredObject(ref, bytes, contentType, md5(bytes), metadata);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(ref);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ObjectNotFoundException(ref);
            }
            throw new StorageUnavailableException("cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ObjectHead> head(ObjectRef ref) {
        Path file = file(ref);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long size = Files.size(file);
            java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
            KnownEtag known = etags.get(file);
            if (known == null || known.size() != size || !known.modified().equals(modified)) {
                known = new KnownEtag(size, modified, md5(Files.readAllBytes(file)));
                etags.put(file, known);
            }
            return Optional.of(new ObjectHead(known.etag(), size, readMetadata(ref)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
        Path file = file(ref);
        try {
            Map<String, String> all = new TreeMap<>(metadata);
            all.put("content-type", contentType);
            Path meta = metadataFile(ref);
            Files.createDirectories(meta.getParent());
            AtomicFiles.write(meta, json.writeValueAsBytes(all));
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot write " + ref + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file is written under a temporary name and linked to its name: a hard link is made only where no file is,
     * atomically, so of two racing writers one wins. The metadata is written after the link succeeded, so a loser
     * never touches the winner's.
     */
    @Override
    public boolean putIfAbsent(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata) {
        Path file = file(ref);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
            try {
                Files.write(tmp, bytes);
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
            Map<String, String> all = new TreeMap<>(metadata);
            all.put("content-type", contentType);
            Path meta = metadataFile(ref);
            Files.createDirectories(meta.getParent());
            AtomicFiles.write(meta, json.writeValueAsBytes(all));
            return true;
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot write " + ref + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(ObjectRef ref) {
        Path file = file(ref);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(metadataFile(ref));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot delete " + ref + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> readMetadata(ObjectRef ref) throws IOException {
        Path meta = metadataFile(ref);
        if (!Files.isRegularFile(meta)) {
            return new TreeMap<>();
        }
        return json.readValue(meta.toFile(), MAP);
    }

    @Override
    public void list(String bucket, String prefix, Consumer<ObjectName> each) {
        Path dir = bucketDir(bucket);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new KeyCollector(dir, keys));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot list " + bucket + ": " + e.getMessage(), e);
        }
        keys.stream()
                .filter(k -> !isHidden(k))
                .filter(k -> prefix == null || k.startsWith(prefix))
                .sorted()
                .forEach(key -> each.accept(new ObjectName(bucket, key, null)));
    }

    /**
     * Collects the keys of the regular files under a bucket's folder. A file or folder that is gone by the time the
     * walk reads it (a temporary file renamed into place, an object deleted while the bucket is listed) is no object
     * any more and is passed over; any other failure fails the listing.
     */
    static final class KeyCollector extends SimpleFileVisitor<Path> {
        private final Path dir;
        private final List<String> keys;

        KeyCollector(Path dir, List<String> keys) {
            this.dir = dir;
            this.keys = keys;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                keys.add(dir.relativize(file).toString().replace('\\', '/'));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
            }
            return FileVisitResult.CONTINUE;
        }
    }

    /** Temporary files and dot-files are not objects. */
    public static boolean isHidden(String key) {
        for (String part : key.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkReachable() {
        try {
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new StorageUnavailableException("local store root " + root + " is not writable", null);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("local store root " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "local filesystem at " + root;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
