package org.cdhub.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cdhub.model.lakehouse.LakehouseTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a city, run the whole path with embedded defaults, print a summary and serve the API.")
final class DemoCommand implements Callable<Integer> {
  static final String MARKER = ".hub-demo";

  @Option(names = "--people", defaultValue = "3000", description = "People in the generated city (default ${DEFAULT-VALUE}).")
  int people;

  @Option(names = "--seed", defaultValue = "20201", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--port", defaultValue = "8080", description = "API port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Exit after the summary instead of serving the API.")
  boolean noServe;

  @Option(names = "--data-dir", description = "Where the demo keeps its data; wiped at start (default: .hub/demo).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    Path dir = (dataDir != null ? dataDir : config.hubHome().resolve(".hub/demo")).toAbsolutePath().normalize();
    resetDemoDir(dir);
    StepCommands commands = new StepCommands(config);
    HubPipeline pipeline = new HubPipeline(commands, dir, System.out);
    long start = System.nanoTime();
    pipeline.generate(people, seed);
    HubPipeline.INGESTED_FEEDS.forEach(pipeline::ingest);
    pipeline.runJobsMeasured(List.of("standardize", "resolve", "merge"));
    int datasets = pipeline.publish().size();
    printSummary(System.out, pipeline, datasets, (System.nanoTime() - start) / 1_000_000_000.0);
    if (noServe) {
      return 0;
    }
    return ServeCommand.serve(commands, pipeline, dir, port);
  }

  static void printSummary(PrintStream out, HubPipeline pipeline, int datasets, double seconds) throws Exception {
    out.println();
    out.println("=== Community Data Hub demo: summary ===");
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      out.println("Sources (generated exports; ingested ones with what the flow did):");
      pipeline.city().ifPresent(city -> city.feeds().values().forEach(f -> {
        String ingest = pipeline.steps().stream().filter(s -> s.name().startsWith("ingest " + f.feed() + " ")).findFirst()
            .map(s -> String.format(Locale.ROOT, "read=%s landed=%s quarantined=%s",
                s.facts().get("read"), s.facts().get("landed"), s.facts().get("quarantined")))
            .orElse("not ingested by the demo yet");
        out.printf(Locale.ROOT, "  %-26s %-14s %,8d records  %s%n", f.feed(), f.kind(), f.records(), ingest);
      }));
      out.println("Lakehouse layers:");
      for (String feed : HubPipeline.INGESTED_FEEDS) {
        row(out, "bronze." + feed, lake.rows(LakehouseTable.bronze(feed)));
      }
      for (LakehouseTable silver : List.of(LakehouseTable.SILVER_PLACE, LakehouseTable.SILVER_ORGANIZATION, LakehouseTable.SILVER_THING,
          LakehouseTable.SILVER_EVENT, LakehouseTable.SILVER_PERSON)) {
        row(out, silver.qualifiedName(), lake.rows(silver.identifier()));
      }
      row(out, LakehouseTable.QUARANTINE.qualifiedName() + " (quarantined)", lake.rows(LakehouseTable.QUARANTINE.identifier()));
      for (LakehouseTable gold : List.of(LakehouseTable.GOLD_PERSON, LakehouseTable.GOLD_PLACE, LakehouseTable.GOLD_ORGANIZATION,
          LakehouseTable.GOLD_THING, LakehouseTable.GOLD_EVENT, LakehouseTable.GOLD_XREF, LakehouseTable.GOLD_MASTER_ALIAS)) {
        row(out, gold.qualifiedName(), lake.rows(gold.identifier()));
      }
      row(out, LakehouseTable.GOLD_RELATIONSHIP.qualifiedName(), lake.rows(LakehouseTable.GOLD_RELATIONSHIP.identifier()));
      lake.rowsPerPartition(LakehouseTable.GOLD_RELATIONSHIP.identifier(), "relationship_type")
          .forEach((type, n) -> out.printf(Locale.ROOT, "    %-38s %,10d edges%n", type, n));
      out.printf(Locale.ROOT, "  %-40s %,10d rows over %d communities%n", "gold.person by community",
          lake.rows(LakehouseTable.GOLD_PERSON.identifier()),
          lake.rowsPerPartition(LakehouseTable.GOLD_PERSON.identifier(), "community_code").size());
    }
    out.println("Data quality: ./hub quality (per feed: rows in, silver, quarantined by rule, trend; HTML report with charts)");
    out.printf(Locale.ROOT, "Catalog: %d datasets registered%n", datasets);
    out.println("Steps:");
    pipeline.steps().forEach(s -> out.printf(Locale.ROOT, "  %-40s %s%n", s.name(), HubPipeline.StepReport.seconds(s.took())));
    out.printf(Locale.ROOT, "Total: %.1f s%n", seconds);
  }

  private static void row(PrintStream out, String name, long rows) {
    out.printf(Locale.ROOT, "  %-40s %,10d rows%n", name, rows);
  }

  /** Wipes the demo directory, but only one that a demo made (it carries a marker file). */
  static void resetDemoDir(Path dir) throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalStateException("Refusing to wipe " + dir + ": it was not made by ./hub demo (no " + MARKER + " file)");
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "made by ./hub demo; wiped by the next demo run\n");
  }
}
