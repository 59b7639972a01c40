package dev.anonymizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Attributes of the CloudEvents the function answers with. */
@ConfigMapping(prefix = "anonymizer.events")
public interface EventsConfig {

    /** The {@code source} attribute of reply events. */
    @WithDefault("/image-anonymizer")
    String source();
}
