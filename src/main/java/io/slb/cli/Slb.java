package io.slb.cli;

import io.slb.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Slb is the {@code slb} command; {@link #main} is the jar's entry point. */
@Command(name = "slb",
        mixinStandardHelpOptions = true,
        versionProvider = Slb.VersionProvider.class,
        description = "The Steel Load Balancer: an API-driven layer-4 load balancer for bare-metal Linux.",
        subcommands = {ServerCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Slb implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns the configured picocli command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Slb()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: server or version");
    }

    /** VersionProvider prints the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slb " + Version.current()};
        }
    }
}
