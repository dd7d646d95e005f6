package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.citygen.GeneratedCity;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * The whole path on one machine: generate a city, ingest, standardize, resolve, merge,
 * publish to the catalog. Each step reports what it did; a failed step stops the run.
 */
public final class HubPipeline {
  /**
   * Feeds the demo takes through every layer: each entity and each kind of source but the
   * listening ones (HTTP push, MQTT), which `ingest --all` adds. Housing first: its places are
   * what the other feeds' addresses are matched against.
   */
  public static final List<String> INGESTED_FEEDS = List.of("housing_compound", "housing_house", "housing_property_company",
      "hr_household", "ca_elderly", "mr_enterprise", "vendor_device", "grid_incident");

  private final StepCommands commands;
  private final FeedDefinitions feeds;
  private final Path dataDir;
  private final LakehouseConfig lakehouse;
  private final PrintStream out;
  private final List<StepReport> steps = new ArrayList<>();
  private GeneratedCity city;

  public HubPipeline(StepCommands commands, Path dataDir, PrintStream out) {
    this(commands, FeedDefinitions.city(commands.artifacts().hubHome()), dataDir, out);
  }

  /** A pipeline over the feeds of {@code feeds} rather than the city's. */
  public HubPipeline(StepCommands commands, FeedDefinitions feeds, Path dataDir, PrintStream out) {
    this.commands = requireNonNull(commands, "commands is null");
    this.feeds = requireNonNull(feeds, "feeds is null");
    this.dataDir = requireNonNull(dataDir, "dataDir is null").toAbsolutePath().normalize();
    this.lakehouse = LakehouseConfig.embedded(this.dataDir);
    this.out = requireNonNull(out, "out is null");
  }

  public LakehouseConfig lakehouse() {
    return lakehouse;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path sourcesDir() {
    return dataDir.resolve("sources");
  }

  public List<StepReport> steps() {
    return List.copyOf(steps);
  }

  /** The city this pipeline generated, if it did. */
  public java.util.Optional<GeneratedCity> city() {
    return java.util.Optional.ofNullable(city);
  }

  public GeneratedCity generate(int people, long seed) {
    city = step("generate city (" + people + " people, seed " + seed + ")", () ->
        new CityGenerator(new CityGeneratorConfig(seed, people, sourcesDir())).generate(new ConsoleProgress(out)),
        c -> Map.of("people", c.people(), "feeds", c.feeds().size()));
    return city;
  }

  public ResultLine ingest(String feed) {
    return ingestMeasured(feed, List.of(), Map.of()).result();
  }

  /** Ingests one feed with extra runner options (e.g. {@code --reset-state}). */
  public ResultLine ingest(String feed, List<String> runnerOptions) {
    return ingestMeasured(feed, runnerOptions, Map.of()).result();
  }

  /** Ingests one feed and also reports the flow runner's peak memory. */
  public Measured ingestMeasured(String feed) {
    return ingestMeasured(feed, List.of(), Map.of());
  }

  /** As above with flow parameter values that replace the profile's (e.g. the drop directory a benchmark reads). */
  public Measured ingestMeasured(String feed, Map<String, String> parameters) {
    return ingestMeasured(feed, List.of(), parameters);
  }

  private Measured ingestMeasured(String feed, List<String> runnerOptions, Map<String, String> parameters) {
    SourceContract contract = SourceContracts.loadDirectory(feeds.contractsDir()).get(feed);
    if (contract == null) {
      throw new IllegalArgumentException("Cannot ingest feed " + feed + ": there is no source contract "
          + feeds.contractsDir().resolve(feed + ".yaml"));
    }
    List<String> params = FlowParameters.embedded(feeds, feed, sourcesDir(), parameters);
    return step("ingest " + feed + " (NiFi stateless)", () -> {
      try (EmbeddedSource source = EmbeddedSource.of(contract, sourcesDir())) {
        List<String> all = new ArrayList<>(params);
        all.addAll(source.parameters());
        List<String> options = new ArrayList<>(source.runnerOptions());
        options.addAll(runnerOptions);
        ChildJvm runner = commands.ingest(feeds.flowDefinition(feed), dataDir, lakehouse, all, options);
        if (!source.delivers()) {
          return new Measured(ResultLine.find("INGEST", runner.run(out)), runner.peakRssMb());
        }
        // a listening flow: start it, deliver to it, then let it drain and stop when idle
        java.util.concurrent.CompletableFuture<List<String>> running =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> runner.run(out));
        String delivered = source.deliver(() -> !running.isDone());
        out.println("    " + delivered);
        return new Measured(ResultLine.find("INGEST", running.join()), runner.peakRssMb());
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot ingest feed " + feed + ": " + e.getMessage(), e);
      }
    }, m -> m.result().values());
  }

  /** A child's result line with its peak resident memory. */
  public record Measured(ResultLine result, long peakRssMb) {}

  public ResultLine runJob(String job) {
    return runJobMeasured(job).result();
  }

  /** Runs one Spark job and also reports its JVM's peak memory. */
  public Measured runJobMeasured(String job) {
    return runJobsMeasured(List.of(job)).get(0);
  }

  /**
   * Runs Spark jobs in order in one JVM (the jobs after the first run warm: a fresh JVM spends
   * about half its CPU compiling), each reported as its own step when its result line arrives.
   * A failed job fails its step and the jobs after it do not run.
   */
  public List<Measured> runJobsMeasured(List<String> jobs) {
    List<ResultLine> results = new ArrayList<>();
    ChildJvm jvm = commands.sparkJob(String.join(",", jobs), lakehouse, feeds.contractsDir(), List.of());
    int first = steps.size() + 1;
    out.println("[" + first + "] spark " + jobs.get(0) + " ...");
    long[] stepStart = {System.nanoTime()};
    List<String> lines = jvm.run(out, line -> {
      if (results.size() < jobs.size() && line.startsWith("JOB " + jobs.get(results.size()) + " status=OK")) {
        String job = jobs.get(results.size());
        ResultLine result = ResultLine.find("JOB " + job, List.of(line));
        results.add(result);
        Duration took = Duration.ofNanos(System.nanoTime() - stepStart[0]);
        StepReport report = new StepReport("spark " + job, took, Map.copyOf(result.values()));
        steps.add(report);
        out.println("[" + steps.size() + "] spark " + job + " done in " + StepReport.seconds(took) + " " + report.facts());
        stepStart[0] = System.nanoTime();
        if (results.size() < jobs.size()) {
          out.println("[" + (steps.size() + 1) + "] spark " + jobs.get(results.size()) + " ...");
        }
      }
    });
    if (results.size() < jobs.size()) {
      throw new IllegalStateException("Spark job " + jobs.get(results.size()) + " printed no result line: " + String.join(" | ",
          lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }
    // outside the steps: its one-off cost is not the jobs'
    commands.sparkClassArchive().completeAfterJob(out);
    return results.stream().map(r -> new Measured(r, jvm.peakRssMb())).toList();
  }

  public List<Dataset> publish() {
    return step("publish catalog", () -> {
      Map<String, SourceContract> contracts = SourceContracts.loadDirectory(feeds.contractsDir());
      try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
           LakehouseInspector inspector = new LakehouseInspector(lakehouse)) {
        return new CatalogPublisher(catalog, inspector, Clock.systemUTC()).publish(contracts.values(), QualityReport.runs(lakehouse));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot publish to the catalog in " + dataDir, e);
      }
    }, datasets -> Map.of("datasets", datasets.size()));
  }

  /** Runs every step of the thin path in order. */
  public void runAll(int people, long seed) {
    generate(people, seed);
    INGESTED_FEEDS.forEach(this::ingest);
    runJobsMeasured(List.of("standardize", "resolve", "merge"));
    publish();
  }

  private <T> T step(String name, Supplier<T> body, java.util.function.Function<T, Map<String, ?>> facts) {
    int n = steps.size() + 1;
    out.println("[" + n + "] " + name + " ...");
    long start = System.nanoTime();
    T result = body.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    StepReport report = new StepReport(name, took, Map.copyOf(facts.apply(result)));
    steps.add(report);
    out.println("[" + n + "] " + name + " done in " + StepReport.seconds(took) + " " + report.facts());
    return result;
  }

  /** What one step did and how long it took. */
  public record StepReport(String name, Duration took, Map<String, ?> facts) {
    static String seconds(Duration d) {
      return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
  }
}
