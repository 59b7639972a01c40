package dev.anonymizer;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point. Without arguments the function runs as a service until stopped (what Knative starts); with arguments
 * the command line ({@link dev.anonymizer.cli.Commands}: {@code anonymize}, {@code backfill}, {@code evaluate}) runs
 * and its status is the exit status.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    /** Exit status of a wrong command line (picocli's). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    /**
     * Runtime settings of command-line runs: no HTTP listener (a command next to a running function would otherwise
     * fail with "port in use", and a batch job has no business listening on 0.0.0.0), log lines on stderr so
     * that stdout carries only the command's own output, and no models loaded at start-up: a command loads them when
     * it first needs them, so {@code --help}, {@code --version} and a usage error load none.
     */
    static final String[][] COMMAND_LINE_SETTINGS = {
        {"quarkus.http.host-enabled", "false"},
        {"quarkus.log.console.stderr", "true"},
        {"anonymizer.models.load-at-start", "false"},
    };

    @Inject
    CommandLine commandLine;

    /**
     * Decides before Quarkus starts, because the HTTP server starts with the application: the settings above go in
     * as system properties (read when the runtime configuration is built) and are taken out again when the run ends,
     * so a test JVM that starts the application again is not affected.
     */
    public static void main(String... args) {
        boolean commandLineRun = args.length > 0;
        if (commandLineRun) {
            for (String[] s : COMMAND_LINE_SETTINGS) {
                System.setProperty(s[0], s[1]);
            }
        }
        try {
            Quarkus.run(Main.class, args);
        } finally {
            if (commandLineRun) {
                for (String[] s : COMMAND_LINE_SETTINGS) {
                    System.clearProperty(s[0]);
                }
            }
        }
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        return commandLine.execute(args);
    }
}
