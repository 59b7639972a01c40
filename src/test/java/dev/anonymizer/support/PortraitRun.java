package dev.anonymizer.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * One {@code anonymize} command line on the committed portrait, in a fresh folder:
 * {@code anonymize DIR/portrait.jpg -o DIR/out}.
 *
 * @param dir the folder holding the portrait
 * @param result what the command printed and its exit status
 */
public record PortraitRun(Path dir, LaunchResult result) {

    /** Copies the portrait into a new temporary folder named after {@code prefix} and anonymizes it. */
    public static PortraitRun anonymize(QuarkusMainLauncher launcher, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.write(dir.resolve("portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"));
        LaunchResult r = launcher.launch("anonymize", dir.resolve("portrait.jpg").toString(), "-o",
                dir.resolve("out").toString());
        return new PortraitRun(dir, r);
    }

    /** Where the censored copy goes. */
    public Path output() {
        return dir.resolve("out/portrait.jpg");
    }
}
