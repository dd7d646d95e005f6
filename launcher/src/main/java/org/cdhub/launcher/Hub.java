package org.cdhub.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./hub} command line. The script finds the JDKs; this class wires the commands. */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    version = "Community Data Hub 0.1.0",
    description = "Community Data Hub: ingest departmental and vendor data, build master records, serve them back.",
    subcommands = {
        GenerateCommand.class,
        IngestCommand.class,
        RunJobCommand.class,
        PublishCommand.class,
        ServeCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        QualityCommand.class,
        ReviewCommand.class,
        AuditCommand.class,
        CatalogCommand.class,
        LineageCommand.class,
        UnmaskCommand.class,
        AtlasCommand.class,
        SubscriptionCommands.Subscribe.class,
        SubscriptionCommands.Grants.class,
        SubscriptionCommands.Approve.class,
        CommandLine.HelpCommand.class
    })
public final class Hub implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try ./hub demo, or ./hub --help");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Usage errors exit 2 with one line; failures print the cause and exit 1. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Hub());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("hub: " + ex.getMessage());
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("hub: failed: " + describe(ex));
      if (System.getenv("HUB_DEBUG") != null) {
        ex.printStackTrace(commandLine.getErr());
      }
      return 1;
    });
    return cli;
  }

  private static String describe(Throwable ex) {
    StringBuilder sb = new StringBuilder(String.valueOf(ex.getMessage()));
    for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append("\n  caused by: ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
