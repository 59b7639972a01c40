package dev.anonymizer.function;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.anonymizer.config.StorageConfig;
import dev.anonymizer.config.WatchConfig;
import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.storage.LocalObjectStore;
import dev.anonymizer.storage.ObjectName;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Local try-out (on by default in dev mode): a file copied into a watched bucket directory of the local store is
 * handled exactly as a {@code dev.anonymizer.image.stored} event for it would be.
 */
@ApplicationScoped
public class DirectoryWatcher {

    private static final Logger LOG = Logger.getLogger(DirectoryWatcher.class);

    private final WatchConfig config;
    private final StorageConfig storage;
    private final AnonymizationPipeline pipeline;
    private WatchService watcher;
    private Thread thread;

    public DirectoryWatcher(WatchConfig config, StorageConfig storage, AnonymizationPipeline pipeline) {
        this.config = config;
        this.storage = storage;
        this.pipeline = pipeline;
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (!config.enabled()) {
            return;
        }
        // decided from the configuration: the injected store is a CDI proxy, not the LocalObjectStore itself
        if (storage.type() != StorageConfig.Type.LOCAL) {
            LOG.warnf("anonymizer.watch.enabled is set but the store is %s; watching needs the local store", storage.type());
            return;
        }
        Path root = storage.local().root().toAbsolutePath().normalize();
        watcher = FileSystems.getDefault().newWatchService();
        Map<WatchKey, String> buckets = new HashMap<>();
        for (String bucket : config.buckets()) {
            Path dir = root.resolve(bucket);
            Files.createDirectories(dir);
            buckets.put(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY), bucket);
            LOG.infof("watching %s: copy an image there and find the censored copy in the output bucket", dir);
        }
        thread = new Thread(() -> loop(root, buckets), "anonymizer-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Path root, Map<WatchKey, String> buckets) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                String bucket = buckets.get(key);
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.context() instanceof Path name && !LocalObjectStore.isHidden(name.toString())) {
                        Path file = root.resolve(bucket).resolve(name);
                        if (settled(file)) {
                            handle(new ObjectName(bucket, name.toString(), null));
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ObjectName ref) {
        try {
            Outcome outcome = pipeline.process(ref);
            LOG.infof("watch: %s -> %s %s", ref, outcome.status().key(),
                    outcome instanceof Outcome.Anonymized a ? a.output() : outcome.reasonCode());
        } catch (RuntimeException e) {
            LOG.errorf("watch: %s failed: %s", ref, e.getMessage());
        }
    }

    /** Waits until a file being copied stops growing, so a half-copied photo is not taken as truncated. */
    private static boolean settled(Path file) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                return false;
            }
            if (size == last && size > 0) {
                return true;
            }
            last = size;
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return true;
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

}
