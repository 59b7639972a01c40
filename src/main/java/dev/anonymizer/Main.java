package dev.anonymizer;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without arguments the function runs as a service until stopped (what Knative starts); with a
 * subcommand name as first argument ({@code backfill}, ...) that command runs and its status is the exit status.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    /** Exit status of a wrong command line. */
    public static final int USAGE = 2;

    private final Map<String, Subcommand> commands = new TreeMap<>();

    public Main(Instance<Subcommand> all) {
        for (Subcommand c : all) {
            commands.put(c.name(), c);
        }
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            printUsage();
            return 0;
        }
        Subcommand command = commands.get(args[0]);
        if (command == null) {
            System.err.println("unknown command '" + args[0] + "'");
            printUsage();
            return USAGE;
        }
        return command.run(Arrays.asList(args).subList(1, args.length), System.out, System.err);
    }

    private void printUsage() {
        System.err.println("usage: (no arguments: run the function)");
        commands.values().forEach(c -> System.err.println("       " + c.name() + " " + c.usage()));
    }
}
