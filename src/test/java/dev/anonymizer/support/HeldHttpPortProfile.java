package dev.anonymizer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The fast pipeline with its HTTP port already taken, as when a command runs next to a running function: a
 * {@link HeldPort} listens on a free port of 127.0.0.1 and the application is told to use that very port. An
 * application that started its HTTP server would fail to start.
 */
public class HeldHttpPortProfile extends FastPipelineProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HeldPort.class));
    }

    /** Holds the port for the lifetime of the test application. */
    public static class HeldPort implements QuarkusTestResourceLifecycleManager {

        /**
         * System property carrying the held port to the test: the test and its resources are loaded by different
         * class loaders, so a static field would not do.
         */
        public static final String PROPERTY = "test.held-http-port";

        private ServerSocket socket;

        @Override
        public Map<String, String> start() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int port = socket.getLocalPort();
            System.setProperty(PROPERTY, String.valueOf(port));
            return Map.of("quarkus.http.test-port", String.valueOf(port), "quarkus.http.host", "127.0.0.1");
        }

        @Override
        public void stop() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
