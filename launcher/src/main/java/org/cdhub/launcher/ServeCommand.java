package org.cdhub.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.cdhub.model.lakehouse.LakehouseTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the return-data API over the embedded lakehouse until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @Override
  public Integer call() throws Exception {
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    Path dataDir = data.resolve(config);
    StepCommands commands = new StepCommands(config);
    HubPipeline pipeline = new HubPipeline(commands, dataDir, System.out);
    return serve(commands, pipeline, dataDir, port);
  }

  /** Starts the API with a demo key for the largest community and blocks until it stops. */
  static int serve(StepCommands commands, HubPipeline pipeline, Path dataDir, int port) throws Exception {
    String nothingToServe = "Cannot serve " + dataDir + ": gold.person has no persons yet; run ./hub demo, or ingest and run the jobs first";
    if (!java.nio.file.Files.exists(dataDir.resolve("lakehouse-catalog.db"))) {
      throw new IllegalStateException(nothingToServe);
    }
    List<String> communities = DemoCommunities.largest(pipeline, 1);
    if (communities.isEmpty()) {
      throw new IllegalStateException(nothingToServe);
    }
    try (ApiServer server = ApiServer.start(commands, pipeline, dataDir, port, communities, Duration.ofSeconds(90))) {
      String community = communities.get(0);
      System.out.println();
      System.out.println("Return-data API: " + server.baseUrl() + "/api/v1   (Ctrl-C to stop)");
      System.out.println("Demo client key, scoped to community " + community + " (other communities answer 403):");
      System.out.println("  curl -H 'X-API-Key: " + server.demoKey() + "' '" + server.baseUrl()
          + "/api/v1/communities/" + community + "/persons?limit=5'");
      return server.waitFor();
    }
  }

  /** Communities to scope the demo key to, largest first, read from gold.person's partitions. */
  static final class DemoCommunities {
    private DemoCommunities() {}

    static List<String> largest(HubPipeline pipeline, int n) throws Exception {
      try (LakehouseInspector inspector = new LakehouseInspector(pipeline.lakehouse())) {
        return inspector.rowsPerPartition(LakehouseTable.GOLD_PERSON.identifier(), "community_code").entrySet().stream()
            .filter(e -> !"null".equals(e.getKey()))
            .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(n).map(java.util.Map.Entry::getKey).toList();
      }
    }
  }
}
