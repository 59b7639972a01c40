package dev.anonymizer.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A pipeline quick enough for hundreds of images per test: only the text detector (the cheapest real model), no
 * tiling and no second stage. Every other step (fetch, decode, censor, encode, store, audit) runs as in production.
 */
public class FastPipelineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "anonymizer.detection.face.enabled", "false",
                "anonymizer.detection.objects.enabled", "false",
                "anonymizer.detection.tiling.enabled", "false",
                "anonymizer.detection.second-stage.faces-in-persons", "false",
                "anonymizer.detection.second-stage.text-in-vehicles", "false",
                "anonymizer.backfill.publish-backoff", "20ms",
                "anonymizer.backfill.progress-interval", "50ms");
    }
}
