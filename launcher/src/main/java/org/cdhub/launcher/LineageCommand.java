package org.cdhub.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.catalog.lineage.RecordLineage;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.model.lakehouse.LakehouseConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Where each value of a golden person came from and who read it: attribute <- source record",
        "(survivorship rule) <- bronze batch and delivery <- standardize run; the resolve run that linked each",
        "record; retired ids; API reads from the audit log. For a dataset: department -> flow -> bronze ->",
        "silver -> gold -> API and Trino -> clients, and with --column the raw fields behind a column.",
        "Prints the graph and writes an SVG picture."})
final class LineageCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MASTER_ID|DATASET",
      description = "A golden person's master id (e.g. from the API), or a dataset (gold.person, bronze.hr_household).")
  String masterId;

  @Option(names = "--svg", paramLabel = "PATH", description = "Where to write the picture (default <data-dir>/reports/lineage-<id>.svg).")
  Path svg;

  @Option(names = "--reads", defaultValue = "20", description = "API reads of the record to show, newest first (default ${DEFAULT-VALUE}).")
  int reads;

  @CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--column", paramLabel = "NAME", description = "With a dataset: the raw fields of every feed that fill this column (e.g. phone).")
  String column;

  @Override
  public Integer call() throws Exception {
    if (masterId.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*")) {
      return datasetLineage(masterId);
    }
    if (!masterId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid MASTER_ID '" + LineageSvg.xml(masterId.length() > 40
          ? masterId.substring(0, 40) + "..." : masterId) + "': expected letters, digits, '-' or '_' (at most 64)");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = data.resolve(LauncherConfig.fromEnvironment(System.getenv()));
    List<AuditEntry> audited = List.of();
    try (CatalogDatabase catalog = data.openCatalog(out, "no reads can be shown")) {
      if (catalog != null) {
        audited = catalog.auditLog().find(AuditQuery.latest(reads).withRecord(masterId));
      }
    }
    RecordLineage lineage;
    try (LakehouseInspector lake = new LakehouseInspector(LakehouseConfig.embedded(dataDir))) {
      lineage = RecordLineage.trace(lake.lineageRows(), masterId, audited);
    }
    if (!lineage.found()) {
      out.println("No golden person " + masterId + " in " + dataDir + " (gold.person and gold.xref hold no such master).");
      out.flush();
      return 1;
    }
    print(out, lineage);
    Path file = svg != null ? svg : dataDir.resolve("reports").resolve("lineage-" + masterId + ".svg");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, LineageSvg.render(lineage), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    out.println("picture: " + file.toAbsolutePath());
    out.flush();
    return 0;
  }

  private int datasetLineage(String dataset) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    Path dataDir = data.resolve(config);
    FeedDefinitions feeds = FeedDefinitions.city(config.hubHome());
    java.util.Collection<org.cdhub.model.contract.SourceContract> contracts =
        org.cdhub.model.contract.SourceContracts.loadDirectory(feeds.contractsDir()).values();
    DatasetLineage hub;
    try (CatalogDatabase catalog = data.openCatalog(out, "no clients can be shown")) {
      hub = hubLineage(contracts, feeds, catalog, reads * 50);
    }
    DatasetLineage around;
    try {
      around = hub.around(dataset);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage() + ": datasets are bronze.<feed> of a contract, silver.* and gold.* tables.");
      out.flush();
      return 1;
    }
    for (DatasetLineage.Node n : around.nodes().values()) {
      out.printf(Locale.ROOT, "[%s] %s  %s%n", DatasetLineage.LAYERS.get(n.layer()), n.id(), n.label());
      for (DatasetLineage.Edge e : around.edges().getOrDefault(n.id(), List.of())) {
        out.printf(Locale.ROOT, "    -> %s  (%s)%n", e.to(), e.step());
      }
    }
    if (column != null) {
      List<DatasetLineage.ColumnPath> paths = DatasetLineage.column(contracts, dataset, column);
      out.printf(Locale.ROOT, "column %s: %d raw field(s) fill it, highest trust first%n", column, paths.size());
      for (DatasetLineage.ColumnPath p : paths) {
        out.printf(Locale.ROOT, "  bronze.%s.%s -> %s -> %s  (trust %d)%n", p.feed(), p.rawField(), p.silverColumn(), p.goldColumn(),
            p.trustRank());
      }
    }
    Path file = svg != null ? svg : dataDir.resolve("reports").resolve("lineage-" + dataset + ".svg");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, LineageSvg.render(LineageSvg.picture(around, "Lineage of " + dataset)), StandardCharsets.UTF_8);
    out.println("picture: " + file.toAbsolutePath());
    out.flush();
    return 0;
  }

  /**
   * The whole hub's dataset lineage: contracts and flow definitions, plus the clients the audit
   * log saw read each served gold table ({@code catalog} null: none), from its latest {@code auditedReads} reads.
   */
  static DatasetLineage hubLineage(java.util.Collection<org.cdhub.model.contract.SourceContract> contracts, FeedDefinitions feeds,
      CatalogDatabase catalog, int auditedReads) {
    java.util.Map<String, java.util.Set<String>> readers = catalog == null ? java.util.Map.of()
        : DatasetLineage.readers(catalog.auditLog(), auditedReads);
    return DatasetLineage.of(contracts, feed -> Files.isRegularFile(feeds.flowDefinition(feed)), readers);
  }

  static void print(PrintWriter out, RecordLineage l) {
    out.printf(Locale.ROOT, "master %s (community %s)%s%n", l.masterId(), l.communityCode(),
        l.aliases().isEmpty() ? "" : "; retired ids resolving here: " + String.join(", ", l.aliases()));
    out.printf(Locale.ROOT, "attributes (%d): value <- source record, survivorship rule%n", l.attributes().size());
    l.attributes().forEach((name, a) -> out.printf(Locale.ROOT, "  %-16s <- %s:%s  %s%s%n", name, a.feed(), a.recordId(), a.rule(),
        l.sourceOf(a).isPresent() ? "" : "  (record no longer linked)"));
    out.printf(Locale.ROOT, "source records (%d): linked by, resolve run; batch, delivery, standardize run%n", l.sources().size());
    for (RecordLineage.SourceRecord s : l.sources()) {
      out.printf(Locale.ROOT, "  %s:%s  %s  %s%n", s.feed(), s.recordId(), s.matchRule(), s.resolveRunId() == null ? "" : s.resolveRunId());
      out.printf(Locale.ROOT, "    batch %s ingested %s%n", s.batchId(), s.ingestedAt());
      if (s.delivery() != null) {
        out.printf(Locale.ROOT, "    delivered %s from %s (FlowFile %s, bronze snapshot %s)%n", s.delivery().deliveredAt(),
            s.delivery().source(), s.delivery().flowfileId(), s.delivery().bronzeSnapshotId());
      }
      if (s.standardizeRun() != null) {
        out.printf(Locale.ROOT, "    standardized by %s (%s)%n", s.standardizeRun().runId(), s.standardizeRun().status());
      }
    }
    out.printf(Locale.ROOT, "API reads (%d, newest first)%n", l.reads().size());
    for (AuditEntry e : l.reads()) {
      out.printf(Locale.ROOT, "  #%d %s %s %s %s for '%s'%n", e.seq(), e.event().at(), e.event().clientId(), e.event().action(),
          e.event().outcome(), e.event().purpose());
    }
  }
}
