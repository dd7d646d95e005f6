package org.cdhub.launcher;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.catalog.registry.Freshness;
import org.cdhub.catalog.registry.SharingList;
import org.cdhub.catalog.search.CatalogSearch;
import org.cdhub.catalog.search.SearchHit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"Browse the data catalog (catalog.db in the data dir, or -Dhub.catalog.jdbc-url=...) that",
        "./hub publish fills: search it in Chinese or English, show one dataset's entry, list what is shared with whom."},
    subcommands = {CatalogCommand.Search.class, CatalogCommand.Show.class, CatalogCommand.Sharing.class})
final class CatalogCommand implements Runnable {
  private static final String EMPTY = "nothing has been published there (run ./hub publish or ./hub demo)";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: ./hub catalog search or ./hub catalog show");
  }

  /** Runs {@code body} on the data dir's catalog database; 1 when there is none (said on {@code out}). */
  static int withCatalog(DataDirOption data, PrintWriter out, java.util.function.ToIntFunction<CatalogDatabase> body) {
    try (CatalogDatabase catalog = data.openCatalog(out, EMPTY)) {
      return catalog == null ? 1 : body.applyAsInt(catalog);
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Datasets whose title, provider, abstract or fields hold the words, best first (smartcn segments Chinese).")
  static final class Search implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "What to look for, e.g. 退役军人 or 身份证号 or gold.person.")
    List<String> words;

    @Option(names = "--limit", defaultValue = "10", description = "At most this many datasets (1..100, default ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return withCatalog(data, out, catalog -> {
        List<SearchHit> hits;
        try {
          hits = CatalogSearch.of(catalog.datasets().findAll()).search(String.join(" ", words), limit);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.printf(Locale.ROOT, "%d dataset(s) match%n", hits.size());
        int rank = 1;
        for (SearchHit hit : hits) {
          Dataset d = hit.dataset();
          out.printf(Locale.ROOT, "%2d. %-28s %-19s %-13s %,12d rows  score %.2f%n      %s%n      %s%n", rank++, d.qualifiedName(),
              d.resourceCode(), d.sharingType(), d.rowCount(), hit.score(), d.title(), d.providerDepartment());
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One dataset's catalog entry and fields.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "Qualified name (gold.person) or resource code (640100-SQJC-000001).")
    String dataset;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return withCatalog(data, out, catalog -> {
        Optional<Dataset> found = catalog.datasets().findByQualifiedName(dataset)
            .or(() -> catalog.datasets().findAll().stream().filter(d -> d.resourceCode().equalsIgnoreCase(dataset)).findFirst());
        if (found.isEmpty()) {
          out.println("No dataset " + dataset + " in the catalog: ./hub catalog search finds names and codes.");
          out.flush();
          return 1;
        }
        print(out, found.get(), Freshness.of(found.get(), Instant.now()), catalog.qualityScores().find(found.get().qualifiedName()));
        out.flush();
        return 0;
      });
    }

    static void print(PrintWriter out, Dataset d, Freshness freshness, Optional<DatasetQuality> quality) {
      out.printf(Locale.ROOT, "%s  %s%n%s%n", d.qualifiedName(), d.resourceCode(), d.title());
      line(out, "provider", d.providerDepartment());
      line(out, "abstract", d.description());
      line(out, "layer / format", d.layer() + " / " + d.format());
      line(out, "sharing", d.sharingType().name());
      line(out, "conditions", d.sharingConditions());
      line(out, "legal basis", d.legalBasis());
      line(out, "open to public", d.openToPublic() ? "yes" : "no");
      line(out, "update cycle", d.updateCycle().name());
      line(out, "rows", String.format(Locale.ROOT, "%,d", d.rowCount()));
      line(out, "snapshot", d.snapshotId() == null ? null : d.snapshotId().toString());
      line(out, "data updated", d.dataUpdatedAt() == null ? null : d.dataUpdatedAt().toString());
      line(out, "freshness", freshness.describe() + " against a " + d.updateCycle().name().toLowerCase(Locale.ROOT) + " cycle");
      line(out, "quality", quality.map(q -> String.format(Locale.ROOT, "%.1f / 100 (checks %d of %d passed, %,d of %,d rows quarantined;"
          + " %d standardize run(s), latest %s)", q.score(), q.checksPassed(), q.checksPassed() + q.checksFailed(), q.quarantinedRows(),
          q.rowsIn(), q.runIds().size(), q.measuredAt())).orElse("no standardize run measured yet"));
      line(out, "published", d.publishedAt().toString());
      out.printf(Locale.ROOT, "fields (%d):%n", d.fields().size());
      for (DatasetField f : d.fields()) {
        out.printf(Locale.ROOT, "  %-24s %-14s %-18s %s%n", f.name(), f.type(), f.sensitivity(), f.description() == null ? "" : f.description());
      }
    }

    private static void line(PrintWriter out, String label, String value) {
      if (value != null && !value.isBlank()) {
        out.printf(Locale.ROOT, "  %-15s %s%n", label, value.strip());
      }
    }
  }

  @Command(name = "sharing", mixinStandardHelpOptions = true,
      description = {"The sharing list: per department, each dataset of the other departments it may use, with the sharing",
          "type, the conditions or legal basis and the scope; --district limits conditional datasets to that district's rows."})
  static final class Sharing implements Callable<Integer> {
    @Option(names = "--district", paramLabel = "CODE", description = "A 6-digit district code of the city (e.g. 640104).")
    String district;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return withCatalog(data, out, catalog -> {
        SharingList list;
        try {
          list = SharingList.of(catalog.datasets().findAll(), district);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String department = null;
        int[] counts = new int[3];
        for (SharingList.Entry e : list.entries()) {
          if (!e.department().equals(department)) {
            department = e.department();
            out.printf(Locale.ROOT, "%s%n", department);
          }
          Dataset d = e.dataset();
          counts[e.sharingType().ordinal()]++;
          out.printf(Locale.ROOT, "  %-28s %-19s %-13s %s%n", d.qualifiedName(), d.resourceCode(), d.sharingType(), e.scope());
          if (d.sharingConditions() != null && !d.sharingConditions().isBlank()) {
            out.printf(Locale.ROOT, "      conditions: %s%n", d.sharingConditions().strip());
          }
          if (d.legalBasis() != null && !d.legalBasis().isBlank()) {
            out.printf(Locale.ROOT, "      legal basis: %s%n", d.legalBasis().strip());
          }
        }
        out.printf(Locale.ROOT, "sharing list%s: %d entries, %d departments: %s%n", district == null ? "" : " for district " + district,
            list.entries().size(), list.entries().stream().map(SharingList.Entry::department).distinct().count(),
            java.util.Arrays.stream(org.cdhub.model.contract.SharingType.values())
                .map(t -> t + " " + counts[t.ordinal()]).collect(java.util.stream.Collectors.joining(", ")));
        out.flush();
        return 0;
      });
    }
  }
}
