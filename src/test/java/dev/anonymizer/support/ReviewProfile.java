package dev.anonymizer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Review in mode flag with a face threshold no real face reaches (0.999) and a band below it that every face-like
 * find lies in (0.99): the portrait's face becomes a {@code face-below-threshold} doubt (and a person whose head part
 * lies inside the photo a {@code person-without-face} one). Review-requested events go to a sink on 127.0.0.1 at {@link #sinkPort()}, where
 * the test listens.
 */
public class ReviewProfile implements QuarkusTestProfile {

    /** A system property, so the profile and the test (loaded by different class loaders) agree on the port. */
    private static final String PORT_PROPERTY = "anonymizer.test.review-sink-port";

    /** The port of the review sink, chosen once per JVM among the free ones. */
    public static synchronized int sinkPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = String.valueOf(s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("anonymizer.review.mode", "flag");
        config.put("anonymizer.review.rules", "face-below-threshold,person-without-face");
        config.put("anonymizer.detection.face.min-score", "0.999");
        config.put("anonymizer.review.face-band", "0.99");
        config.put("anonymizer.review.sink", "http://127.0.0.1:" + sinkPort() + "/");
        return config;
    }

    /** The same with review off: no doubts computed or reported, no event. */
    public static class Off extends ReviewProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("anonymizer.review.mode", "off");
            return config;
        }
    }
}
