package dev.anonymizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The status page at {@code GET /}. */
@ConfigMapping(prefix = "anonymizer.status")
public interface StatusConfig {

    /**
     * Where the status page's "docs" link points. The default, {@code /docs}, serves the README that is built into
     * the artifact, as plain text; point it at your own runbook instead.
     */
    @WithDefault("/docs")
    String docsUrl();
}
