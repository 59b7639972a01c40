package dev.anonymizer.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A pipeline quick enough for hundreds of images per test: only the text detector, one small whole-image plan and
 * no closer looks. Every other step (fetch, decode, censor, encode, store, audit) runs as in production.
 */
public class FastPipelineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "anonymizer.detection.face.enabled", "false",
                "anonymizer.detection.objects.enabled", "false",
                "anonymizer.detection.text.max-megapixels", "0.3",
                "anonymizer.detection.closer-look.text-in-vehicles", "false",
                "anonymizer.backfill.publish-backoff", "20ms",
                "anonymizer.backfill.progress-interval", "50ms");
    }
}
