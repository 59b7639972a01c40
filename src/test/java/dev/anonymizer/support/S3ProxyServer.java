package dev.anonymizer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: S3Proxy's self-contained jar (copied by the pom to {@code target/s3proxy/s3proxy.jar}
 * and named by the system property {@code s3proxy.jar}) run as a child JVM on 127.0.0.1, with jclouds' filesystem
 * backend under {@code target/}. It can be stopped and started again on the same port with the same data, which is
 * how the fault tests cut the store away in the middle of a run.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Fixed test credentials; S3Proxy checks AWS v2/v4 signatures against them. */
    public static final String ACCESS_KEY = "anonymizer-test-access";
    public static final String SECRET_KEY = "anonymizer-test-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path dir;
    private final int port;
    private Process process;
    private Thread shutdownHook;

    private S3ProxyServer(Path jar, Path dir, int port) {
        this.jar = jar;
        this.dir = dir;
        this.port = port;
    }

    /** A server with its data under {@code dir} (emptied first) on a free port; call {@link #start()}. */
    public static S3ProxyServer create(Path dir) {
        String prop = System.getProperty("s3proxy.jar");
        Path jar = prop == null ? null : Path.of(prop);
        if (jar == null || !Files.isRegularFile(jar)) {
            // never skip: a test run without its S3 server must not look green
            throw new IllegalStateException("S3Proxy jar not found (system property s3proxy.jar = " + prop + "). "
                    + "Run the tests through Maven (./mvnw test), which copies org.gaul:s3proxy to target/s3proxy/ "
                    + "and sets the property.");
        }
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir.resolve("data"));
            return new S3ProxyServer(jar, dir.toAbsolutePath(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server (again, after {@link #stop()}) and waits until it answers HTTP. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path props = dir.resolve("s3proxy.properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"),
                    ""), StandardCharsets.UTF_8);
            Path log = dir.resolve("s3proxy.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (shutdownHook == null) {
                // a test JVM that dies must not leave the child running
                shutdownHook = new Thread(this::stop, "s3proxy-stop");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            awaitAnswer(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswer(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; log " + log + ":\n"
                        + tail(log));
            }
            if (answers()) {
                return;
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT
                + "; log " + log + ":\n" + tail(log));
    }

    /** True when something answers HTTP on the port (an anonymous request is refused with 403, which is fine). */
    public boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (its data stays); the port stops answering before this returns. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
