package dev.anonymizer.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link S3ProxyServer} for a Quarkus test and points the function at it: the S3 store, the proxy's
 * endpoint, its static test credentials and path-style addressing. Test fields annotated {@link InjectS3Proxy} get
 * the server, so a test can stop and restart it.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        String root = System.getProperty("project.root", ".");
        server = S3ProxyServer.create(Path.of(root, "target", "s3proxy-run"));
        server.start();
        return Map.of(
                "anonymizer.storage.type", "s3",
                "quarkus.s3.endpoint-override", server.endpoint(),
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectS3Proxy.class, S3ProxyServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
