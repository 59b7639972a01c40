package dev.anonymizer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.anonymizer.support.HeldHttpPortProfile;
import dev.anonymizer.support.PortraitRun;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * A command-line run opens no HTTP port: with the configured port already taken (a function running beside it), a
 * command still runs. Before, {@code evaluate} and {@code backfill} failed with "Port ... seems to be in use".
 */
@QuarkusMainTest
@TestProfile(HeldHttpPortProfile.class)
class CommandLineOpensNoPortTest {

    @Test
    void aCommandRunsWhileItsHttpPortIsTaken(QuarkusMainLauncher launcher) throws Exception {
        PortraitRun run = PortraitRun.anonymize(launcher, "no-port");
        LaunchResult r = run.result();
        // the resource held the port while the application ran (it is started for each launch)
        int port = Integer.getInteger(HeldHttpPortProfile.HeldPort.PROPERTY, 0);
        assertTrue(port > 0, "the port was held");
        assertEquals(0, r.exitCode(), "port " + port + ": " + r.getErrorOutput());
        assertTrue(Files.isRegularFile(run.output()));
        assertTrue(!r.getErrorOutput().contains("Listening on"), r.getErrorOutput());
    }
}
