package dev.anonymizer.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.anonymizer.config.ModelsConfig;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.storage.StorageUnavailableException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.event.Observes;

/**
 * Readiness: one check per loaded model (named {@code model:<id>}) and one for the object store. The function loads
 * its models here, while it starts ({@code anonymizer.models.load-at-start}), and Quarkus opens its HTTP port only
 * once start-up is done, so {@code /q/health/ready} answers only when every session exists and has run once. Without
 * loading at start (a command-line run, or the setting off), one check {@code models} says that they load on first
 * use. The store check asks the store each time.
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

    @Inject
    ModelsConfig config;

    void register(@Observes StartupEvent event) {
        if (!config.loadAtStart()) {
            readiness.register("models", () -> HealthCheckResponse.named("models").up()
                    .withData("loaded", models.isLoaded()).withData("loading", "on first use").build());
        } else {
            registerModels();
        }
        registerStore();
    }

    private void registerModels() {
        for (ModelDescriptor d : models.load()) {
            readiness.register("model:" + d.id(), () -> HealthCheckResponse.named("model:" + d.id())
                    .up()
                    .withData("family", d.family())
                    .withData("file", d.file())
                    .withData("licence", d.licence())
                    .build());
        }
    }

    private void registerStore() {
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
