package dev.anonymizer.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The command line: {@code java -jar quarkus-run.jar COMMAND ...}. Without any argument the artifact runs the
 * function instead (see {@link dev.anonymizer.Main}); a command-line run opens no HTTP port.
 */
@TopCommand
@Command(name = "image-anonymizer", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        description = "Censors faces, licence plates and text in images. Without arguments: runs the function.",
        subcommands = {AnonymizeCommand.class, BackfillCommand.class, EvaluateCommand.class, ReviewCommand.class})
public class Commands {

    /** The artifact's version, from the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"image-anonymizer " + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.application.version", String.class).orElse("unknown")};
        }
    }
}
