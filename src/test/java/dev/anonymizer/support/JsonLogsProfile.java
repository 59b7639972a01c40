package dev.anonymizer.support;

import java.util.HashMap;
import java.util.Map;

/** The fast pipeline with the one setting that turns the console log into JSON lines. */
public class JsonLogsProfile extends FastPipelineProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.log.console.json.enabled", "true");
        return config;
    }
}
