package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Run feed flows through NiFi's stateless engine into the bronze tables.")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--flow", description = "Feed whose flow to run (e.g. hr_household).")
  String flow;

  @Option(names = "--all", description = "Run every flow under flows/definitions.")
  boolean all;

  @Option(names = "--reset-state", description = "Forget each flow's source position (watermark, file listing, page cursor)"
      + " and pull everything again; batches the lakehouse already holds add nothing. The remedy when the runner warns"
      + " that rows appeared below the watermark.")
  boolean resetState;

  @Option(names = "--report", description = "Print the ingestion log (ops.ingestion_log) instead of ingesting;"
      + " with --flow, of that feed only.")
  boolean report;

  @Option(names = "--latest", defaultValue = "15", description = "With --report: how many latest deliveries to list (default ${DEFAULT-VALUE}).")
  int latest;

  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (report) {
      if (all) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--report takes --flow NAME or nothing, not --all");
      }
      Path dataDir = data.resolve(LauncherConfig.fromEnvironment(System.getenv()));
      boolean balanced = IngestionReport.read(org.cdhub.model.lakehouse.LakehouseConfig.embedded(dataDir), flow).print(System.out, latest);
      return balanced ? 0 : 1;
    }
    if (all == (flow != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Give exactly one of --flow NAME or --all");
    }
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    Path dataDir = data.resolve(config);
    StepCommands commands = new StepCommands(config);
    HubPipeline pipeline = new HubPipeline(commands, dataDir, System.out);
    for (String feed : all ? commands.artifacts().flowFeeds() : List.of(flow)) {
      pipeline.ingest(feed, resetState ? List.of("--reset-state") : List.of());
    }
    return 0;
  }
}
