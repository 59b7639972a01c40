package dev.anonymizer.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.StorageConfig;
import software.amazon.awssdk.services.s3.S3Client;

/** Chooses the object store named by {@code anonymizer.storage.type}. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(StorageConfig config, ObjectMapper json, Instance<S3Client> s3) {
        return switch (config.type()) {
            case LOCAL -> new LocalObjectStore(config.local().root(), json);
            case S3 -> new S3ObjectStore(s3.get());
        };
    }
}
