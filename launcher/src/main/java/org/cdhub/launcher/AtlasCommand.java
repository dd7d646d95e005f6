package org.cdhub.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.atlas.AtlasBatch;
import org.cdhub.catalog.atlas.AtlasClient;
import org.cdhub.catalog.atlas.AtlasEntities;
import org.cdhub.catalog.atlas.AtlasExport;
import org.cdhub.catalog.atlas.AtlasTypes;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.model.contract.SourceContracts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "atlas", mixinStandardHelpOptions = true,
    description = "Export the catalog and the dataset lineage to Apache Atlas (REST v2).",
    subcommands = {AtlasCommand.Export.class})
final class AtlasCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: ./hub atlas export");
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Creates or updates the hub's Atlas types, then upserts every catalog dataset (table and columns),",
          "the source feeds, API clients and the lineage processes (NiFi flows, Spark jobs, API endpoints), matched on",
          "qualifiedName (<name>@<cluster>): exporting again creates nothing new. Last line: the summary."})
  static final class Export implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "The Atlas server, e.g. http://atlas:21000.")
    URI url;

    @Option(names = "--user", description = "Atlas user (basic authentication).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the user's password (first line).")
    Path passwordFile;

    @Option(names = "--dry-run", paramLabel = "DIR",
        description = "Write the JSON request bodies to DIR (typedefs.json, then one file per entity batch) instead of sending them.")
    Path dryRun;

    @Option(names = "--cluster", defaultValue = "cdhub", description = "Suffix of every qualified name (default ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--attempts", defaultValue = "5", description = "Tries per request on 502/503/504 or a lost connection (default ${DEFAULT-VALUE}).")
    int attempts;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String password = null;
      if (attempts < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--attempts must be at least 1, got " + attempts);
      }
      if (dryRun == null) {
        if (url == null || user == null || passwordFile == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "./hub atlas export needs --url, --user and --password-file (or --dry-run DIR)");
        }
        password = password(passwordFile);
      }
      LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
      FeedDefinitions feeds = FeedDefinitions.city(config.hubHome());
      List<Dataset> datasets;
      DatasetLineage lineage;
      try (CatalogDatabase catalog = data.openCatalog(out, "nothing to export")) {
        if (catalog == null) {
          return 1;
        }
        datasets = catalog.datasets().findAll();
        lineage = LineageCommand.hubLineage(SourceContracts.loadDirectory(feeds.contractsDir()).values(), feeds, catalog, 1000);
      }
      List<AtlasBatch> batches;
      try {
        batches = AtlasEntities.of(datasets, lineage, cluster);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      int entities = batches.stream().mapToInt(AtlasBatch::count).sum();
      out.printf(Locale.ROOT, "%d datasets, %d lineage nodes: %d entities in %d requests%n", datasets.size(), lineage.nodes().size(),
          entities, batches.size());
      if (dryRun != null) {
        writeDryRun(dryRun, batches);
        out.printf(Locale.ROOT, "dry run: wrote typedefs.json and %d entity batches to %s (nothing sent)%n", batches.size(),
            dryRun.toAbsolutePath().normalize());
        out.flush();
        return 0;
      }
      AtlasClient client = new AtlasClient(url, user, password, attempts, Duration.ofSeconds(1));
      AtlasExport.Summary summary = new AtlasExport(client, line -> {
        out.println(line);
        out.flush();
      }).run(batches);
      out.println("atlas export: " + summary.line());
      out.flush();
      return 0;
    }

    private String password(Path file) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read --password-file " + file + ": "
            + e.getClass().getSimpleName());
      }
      String first = text.lines().findFirst().orElse("").strip();
      if (first.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--password-file " + file + " is empty");
      }
      return first;
    }

    private static void writeDryRun(Path dir, List<AtlasBatch> batches) {
      ObjectMapper json = new ObjectMapper();
      try {
        Files.createDirectories(dir);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("typedefs.json").toFile(), AtlasTypes.typesDef());
        int i = 0;
        for (AtlasBatch b : batches) {
          String name = String.format(Locale.ROOT, "entities-%03d-%s.json", ++i, b.name().replaceAll("[^A-Za-z0-9._-]", "_"));
          json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name).toFile(), b.entities());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the Atlas payloads to " + dir, e);
      }
    }
  }
}
