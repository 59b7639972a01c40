package dev.anonymizer.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.StorageUnavailableException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;

/**
 * Readiness: one check per loaded model (named {@code model:<id>}) and one for the object store. Models load at
 * start-up, so their checks turn up only once every session exists; the store check asks the store each time.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    @Readiness
    HealthRegistry readiness;

    @Inject
    ModelRegistry models;

    @Inject
    ObjectStore store;

    void register(@Observes StartupEvent event) {
        for (ModelDescriptor d : models.loaded()) {
            readiness.register("model:" + d.id(), () -> HealthCheckResponse.named("model:" + d.id())
                    .up()
                    .withData("family", d.family())
                    .withData("file", d.file())
                    .withData("licence", d.licence())
                    .build());
        }
        readiness.register("object-store", () -> {
            try {
                store.checkReachable();
                return HealthCheckResponse.named("object-store").up().withData("store", store.describe()).build();
            } catch (StorageUnavailableException e) {
                return HealthCheckResponse.named("object-store").down().withData("store", store.describe())
                        .withData("error", e.getMessage()).build();
            }
        });
    }
}
