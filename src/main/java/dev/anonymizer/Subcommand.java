package dev.anonymizer;

import java.io.PrintStream;
import java.util.List;

/**
 * A command-line mode of the artifact ({@code java -jar quarkus-run.jar <name> ...}). Each is an
 * {@code @ApplicationScoped} bean; {@link Main} finds them all, so a new one needs no change there.
 */
public interface Subcommand {

    /** The word that selects it, e.g. {@code backfill}. */
    String name();

    /** One line per option, printed by {@code help} and after a usage error. */
    String usage();

    /**
     * Runs it.
     *
     * @param args the words after the name
     * @return the process exit status: 0 success, 1 work failed, 2 usage error
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
