package org.cdhub.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.citygen.GeneratedCity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print figures; the last line is machine-readable.",
    subcommands = {BenchCommand.Generate.class, BenchCommand.Ingest.class, BenchCommand.Standardize.class,
        BenchCommand.Resolve.class, BenchCommand.Febrl.class, BenchCommand.Api.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: try ./hub bench generate --people 100000");
  }

  /** Removes a benchmark's scratch directory and everything in it. */
  static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A benchmark's work on a pipeline whose data directory is scratch. */
  @FunctionalInterface
  interface PipelineBench {
    int run(HubPipeline pipeline) throws Exception;
  }

  /** Runs {@code bench} on a pipeline in a new scratch data directory, removed afterwards. */
  static int inScratchPipeline(String name, PipelineBench bench) throws Exception {
    StepCommands commands = new StepCommands(LauncherConfig.fromEnvironment(System.getenv()));
    return inScratchPipeline(name, FeedDefinitions.city(commands.artifacts().hubHome()), bench);
  }

  /** As above over the feeds of {@code feeds} (a benchmark's own contract and flow). */
  static int inScratchPipeline(String name, FeedDefinitions feeds, PipelineBench bench) throws Exception {
    return inScratchPipeline(name, feeds, false, bench);
  }

  /** As above; with {@code keep} the data directory stays, so later runs can be timed against the same state. */
  static int inScratchPipeline(String name, FeedDefinitions feeds, boolean keep, PipelineBench bench) throws Exception {
    Path dir = Files.createTempDirectory("hub-bench-" + name);
    try {
      return bench.run(new HubPipeline(new StepCommands(LauncherConfig.fromEnvironment(System.getenv())), feeds, dir, System.out));
    } finally {
      if (keep) {
        System.out.println("data directory kept: " + dir + " (./hub run <job> --data-dir " + dir + ")");
      } else {
        deleteTree(dir);
      }
    }
  }

  /** Wall seconds of the pipeline's latest step (its child JVM's start included). */
  static double lastStepSeconds(HubPipeline pipeline) {
    return pipeline.steps().get(pipeline.steps().size() - 1).took().toMillis() / 1000.0;
  }

  /** Peak resident set of this JVM, from /proc (Linux); -1 elsewhere. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Time one feed's flow from source to bronze on a generated city of about N rows.")
  static final class Ingest implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "100000", description = "Approximate source rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--kind", defaultValue = "db",
        description = "Source kind: db (household registration table, SQLite) or csv (health-archive CSV drop, UTF-8).")
    String kind;

    @Option(names = "--seed", defaultValue = "20201")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // people to generate for about --rows source rows: hr_household has one row per person plus in-source
      // duplicates; the health archive covers ~89.5% of people (measured on generated cities)
      String feed;
      int people;
      switch (kind) {
        case "db" -> {
          feed = "hr_household";
          people = rows;
        }
        case "csv" -> {
          feed = "health_residents";
          people = (int) Math.ceil(rows / 0.895);
        }
        default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "Unknown --kind '" + kind + "': expected db or csv");
      }
      return inScratchPipeline("ingest", pipeline -> {
        pipeline.generate(people, seed);
        HubPipeline.Measured m = pipeline.ingestMeasured(feed);
        long read = m.result().number("read");
        double seconds = m.result().number("duration_ms") / 1000.0;
        System.out.printf(Locale.ROOT, "kind=%s feed=%s engine_seconds=%.1f wall_seconds_with_jvm_start=%.1f%n", kind, feed, seconds,
            lastStepSeconds(pipeline));
        System.out.printf(Locale.ROOT, "rows=%d rows_per_s=%.0f landed=%d quarantined=%d peak_rss_mb=%d%n",
            read, read / seconds, m.result().number("landed"), m.result().number("quarantined"), m.peakRssMb());
        return 0;
      });
    }
  }

  @Command(name = "standardize", mixinStandardHelpOptions = true,
      description = "Time the standardize job (Spark local[2], Deequ checks included) on about N bronze person rows.")
  static final class Standardize implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "100000", description = "Approximate bronze person rows (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "20201")
    long seed;

    @Override
    public Integer call() throws Exception {
      return inScratchPipeline("standardize", pipeline -> {
        // household registration: one row per person plus in-source duplicates
        pipeline.generate(rows, seed);
        pipeline.ingest("hr_household");
        HubPipeline.Measured m = pipeline.runJobMeasured("standardize");
        long bronze = m.result().number("bronze_rows");
        double seconds = m.result().number("duration_ms") / 1000.0;
        System.out.printf(Locale.ROOT, "job_seconds=%.1f wall_seconds_with_jvm_and_spark_start=%.1f silver=%d%n",
            seconds, lastStepSeconds(pipeline), m.result().number("silver_rows"));
        System.out.printf(Locale.ROOT, "rows=%d rows_per_s=%.0f quarantined=%d peak_rss_mb=%d%n",
            bronze, bronze / seconds, m.result().number("quarantined"), m.peakRssMb());
        return 0;
      });
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Time resolve and merge on a generated city's person feeds and score the person links "
          + "against the generator's ground truth (pairwise precision, recall, F1; false merges of relatives).")
  static final class Resolve implements Callable<Integer> {
    /** Every feed of entity person that has a flow, but the hub's own community_correction (no city data). */
    static final List<String> PERSON_FEEDS =
        List.of("hr_household", "ca_elderly", "ca_subsistence", "dpf_disabled", "va_veteran", "health_residents");
    /** Housing first: its places are what the person feeds' addresses are matched against. */
    static final List<String> HOUSING_FEEDS = List.of("housing_compound", "housing_house");
    /** Resolve's output (JobTable.PERSON_LINK in spark-jobs, which the launcher does not depend on). */
    static final TableIdentifier PERSON_LINK = TableIdentifier.of("gold", "person_link");

    @Option(names = "--people", defaultValue = "100000", description = "People in the generated city (default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--seed", defaultValue = "20201")
    long seed;

    @Option(names = "--incremental", defaultValue = "0",
        description = "Hold back the last N records of the health feed's export, deliver them after the full resolve and time "
            + "the incremental resolve (merge is not rerun: it has no incremental mode yet). 0: off.")
    int incremental;

    @Option(names = "--keep", description = "Keep the data directory afterwards (its path is printed) to time later runs on it.")
    boolean keep;

    /** The feed whose export's last records are held back for --incremental: a weekly CSV drop. */
    static final String INCREMENTAL_FEED = "health_residents";

    @Override
    public Integer call() throws Exception {
      StepCommands commands = new StepCommands(LauncherConfig.fromEnvironment(System.getenv()));
      return inScratchPipeline("resolve", FeedDefinitions.city(commands.artifacts().hubHome()), keep, pipeline -> {
        GeneratedCity city = pipeline.generate(people, seed);
        HeldBackRecords held = incremental > 0
            ? HeldBackRecords.holdBack(pipeline.sourcesDir().resolve("health/health_residents.csv"), incremental) : null;
        HOUSING_FEEDS.forEach(pipeline::ingest);
        PERSON_FEEDS.forEach(pipeline::ingest);
        pipeline.runJobMeasured("standardize");
        double standardizeSeconds = lastStepSeconds(pipeline);
        HubPipeline.Measured resolve = pipeline.runJobMeasured("resolve");
        double resolveSeconds = lastStepSeconds(pipeline);
        HubPipeline.Measured merge = pipeline.runJobMeasured("merge");
        double mergeSeconds = lastStepSeconds(pipeline);

        long start = System.nanoTime();
        ResolveAccuracy.Result result = score(pipeline, city);
        double scoringSeconds = (System.nanoTime() - start) / 1e9;

        PairwiseScore s = result.score();
        // wall time of each child JVM (JVM and Spark start included): the same measure for any resolve job
        double resolveAndMerge = resolveSeconds + mergeSeconds;
        long peakRss = Math.max(resolve.peakRssMb(), merge.peakRssMb());
        System.out.printf(Locale.ROOT, "seconds (wall, JVM and Spark start included): standardize=%.1f resolve=%.1f merge=%.1f "
            + "resolve_plus_merge=%.1f scoring=%.1f%n", standardizeSeconds, resolveSeconds, mergeSeconds, resolveAndMerge, scoringSeconds);
        System.out.printf(Locale.ROOT, "linked_records=%d masters=%d true_persons=%d unlinked_truth_records=%d%n",
            s.records(), s.predictedClusters(), s.trueEntities(), result.unlinkedTruthRecords());
        System.out.printf(Locale.ROOT, "pairs: predicted=%d true=%d true_positive=%d%n", s.predictedPairs(), s.truePairs(),
            s.truePositivePairs());
        System.out.printf(Locale.ROOT, "relative_pairs=%d relative_false_merges=%d relative_false_merge_rate=%.5f%n",
            s.relativePairs(), s.relativeFalseMerges(), s.relativeFalseMergeRate());
        System.out.printf(Locale.ROOT, "records=%d people=%d precision=%.5f recall=%.5f f1=%.5f records_per_s=%.0f peak_rss_mb=%d%n",
            s.records(), people, s.precision(), s.recall(), s.f1(), s.records() / resolveAndMerge, peakRss);
        if (held != null) {
          incrementalRun(pipeline, city, held, s.predictedClusters());
        }
        return 0;
      });
    }

    /**
     * Delivers the held-back records and times resolve on them twice from the same state: as the
     * pipeline runs it (standardize, then resolve in the same JVM, warm), and alone in a fresh JVM
     * (cold: about half its CPU goes to compiling). Between the two the lakehouse goes back to the
     * state before standardize (the embedded catalog's database file; Iceberg never rewrites a
     * file, so that is the whole state). Then the links are scored on the whole.
     */
    private void incrementalRun(HubPipeline pipeline, GeneratedCity city, HeldBackRecords held, long existingMasters) throws Exception {
      held.deliver();
      pipeline.ingest(INCREMENTAL_FEED);
      Path catalogDb = Path.of(pipeline.lakehouse().catalogUri().substring("jdbc:sqlite:".length()));
      Path saved = catalogDb.resolveSibling(catalogDb.getFileName() + ".before-increment");
      Files.copy(catalogDb, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      HubPipeline.Measured warm = pipeline.runJobsMeasured(List.of("standardize", "resolve")).get(1);
      double warmSeconds = lastStepSeconds(pipeline);

      Files.copy(saved, catalogDb, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.delete(saved);
      pipeline.runJob("standardize");
      HubPipeline.Measured cold = pipeline.runJobMeasured("resolve");
      double coldSeconds = lastStepSeconds(pipeline);
      PairwiseScore s = score(pipeline, city).score();
      for (HubPipeline.Measured run : List.of(warm, cold)) {
        ResultLine line = run.result();
        System.out.printf(Locale.ROOT, "incremental resolve (%s): mode=%s records=%s new_masters=%s merged_masters=%s job_seconds=%.1f "
                + "peak_rss_mb=%d%n", run == warm ? "after standardize in one JVM" : "alone in a fresh JVM", line.text("mode"),
            line.text("records"), line.text("new_masters"), line.text("merged_masters"), line.number("duration_ms") / 1000.0,
            run.peakRssMb());
      }
      System.out.printf(Locale.ROOT, "after the increment: records=%d precision=%.5f recall=%.5f f1=%.5f relative_false_merges=%d%n",
          s.records(), s.precision(), s.recall(), s.f1(), s.relativeFalseMerges());
      System.out.printf(Locale.ROOT, "incremental_records=%d existing_masters=%d resolve_s=%.1f resolve_cold_s=%.1f%n", held.size(),
          existingMasters, warmSeconds, coldSeconds);
    }

    /** gold.person_link scored against the city's ground truth. */
    private static ResolveAccuracy.Result score(HubPipeline pipeline, GeneratedCity city) throws Exception {
      System.out.println("scoring " + PERSON_LINK + " against " + city.truthDir() + " ...");
      ResolveAccuracy accuracy = new ResolveAccuracy(city.truthDir(), Set.copyOf(PERSON_FEEDS));
      try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
        boolean exists = lake.forEachRow(PERSON_LINK, List.of("source_system", "source_record_id", "master_id"), r -> accuracy.link(
            (String) r.getField("source_system"), (String) r.getField("source_record_id"), (String) r.getField("master_id")));
        if (!exists) {
          throw new IllegalStateException("Cannot score resolve: it left no table " + PERSON_LINK);
        }
      }
      return accuracy.result();
    }
  }

  @Command(name = "febrl", mixinStandardHelpOptions = true,
      description = "Run the FEBRL record-linkage benchmark data sets through the hub's path (source contract and CSV file-drop "
          + "flow of deploy/benchmarks/febrl, standardize, resolve, merge) and score the person links against the truth in "
          + "their record ids (pairwise precision, recall, F1).")
  static final class Febrl implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "NAME",
        description = "dataset1, dataset2, dataset3 (deduplication) or dataset4 (dataset4a linked to dataset4b); repeatable; default all.")
    List<String> datasets;

    @Option(names = "--data-root", paramLabel = "DIR",
        description = "Directory of the FEBRL CSV files (default " + FebrlBenchmark.DEFAULT_DATA_ROOT + " from the project root).")
    Path dataRoot;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<FebrlBenchmark.Task> tasks = new java.util.ArrayList<>();
      for (String name : datasets == null ? FebrlBenchmark.TASKS.stream().map(FebrlBenchmark.Task::name).toList() : datasets) {
        try {
          tasks.add(FebrlBenchmark.task(name));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      Path hubHome = LauncherConfig.fromEnvironment(System.getenv()).hubHome();
      Path root = FebrlBenchmark.dataRoot(hubHome, dataRoot);
      tasks.forEach(t -> FebrlBenchmark.files(t, root)); // every file there before the first task runs
      FeedDefinitions feeds = FeedDefinitions.inDirectory(hubHome.resolve(FebrlBenchmark.DEFINITIONS));

      List<FebrlBenchmark.Outcome> outcomes = new java.util.ArrayList<>();
      for (FebrlBenchmark.Task task : tasks) {
        System.out.println("FEBRL " + task.name() + " (" + task.kind() + ": " + String.join(" + ", task.files()) + " in " + root + ")");
        inScratchPipeline("febrl-" + task.name(), feeds, pipeline -> {
          outcomes.add(FebrlBenchmark.run(pipeline, task, root));
          return 0;
        });
      }
      PairwiseScore all = null;
      long people = 0;
      double seconds = 0;
      long peakRss = 0;
      for (FebrlBenchmark.Outcome o : outcomes) {
        PairwiseScore s = o.result().score();
        System.out.printf(Locale.ROOT, "dataset=%s task=%s records=%d people=%d precision=%.5f recall=%.5f f1=%.5f records_per_s=%.0f "
                + "peak_rss_mb=%d masters=%d pairs_predicted=%d pairs_true=%d pairs_true_positive=%d unlinked=%d%n",
            o.task().name(), o.task().kind(), s.records(), o.result().people(), s.precision(), s.recall(), s.f1(), o.recordsPerSecond(),
            o.peakRssMb(), s.predictedClusters(), s.predictedPairs(), s.truePairs(), s.truePositivePairs(), o.result().unlinked());
        all = all == null ? s : all.plus(s);
        people += o.result().people();
        seconds += o.resolveAndMergeSeconds();
        peakRss = Math.max(peakRss, o.peakRssMb());
      }
      // pooled over the tasks: pairs add up (no pair crosses two tasks), time is the tasks' resolve + merge
      System.out.printf(Locale.ROOT, "records=%d people=%d precision=%.5f recall=%.5f f1=%.5f records_per_s=%.0f peak_rss_mb=%d%n",
          all.records(), people, all.precision(), all.recall(), all.f1(), all.records() / seconds, peakRss);
      return 0;
    }
  }

  @Command(name = "api", mixinStandardHelpOptions = true,
      description = "Build a lakehouse the way the demo does, serve the API and drive an open-loop load of masked roster pages "
          + "(GET /api/v1/communities/{code}/persons?limit=100, following cursors) over loopback. Progress per second on stderr; "
          + "the last line is rps=R p50_ms=A p99_ms=B errors=E.")
  static final class Api implements Callable<Integer> {
    static final int PAGE_SIZE = 100;

    @Option(names = "--rps", defaultValue = "300", description = "Requests per second, sent on schedule (default ${DEFAULT-VALUE}).")
    int rps;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up", defaultValue = "20", paramLabel = "SECONDS",
        description = "Seconds of load ramping up to --rps before measuring, not counted (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--people", defaultValue = "3000", description = "People in the generated city (default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--communities", defaultValue = "10",
        description = "The bench client reads the N largest communities, cycled through (default ${DEFAULT-VALUE}).")
    int communities;

    @Option(names = "--seed", defaultValue = "20201")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Serve this existing data directory (e.g. .hub/demo) instead of building a scratch lakehouse; --people and --seed "
            + "are then ignored.")
    Path dataDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (rps < 1 || seconds < 1 || warmUp < 0 || people < 1 || communities < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid bench api options: --rps, --seconds, "
            + "--people and --communities must be positive and --warm-up not negative");
      }
      StepCommands commands = new StepCommands(LauncherConfig.fromEnvironment(System.getenv()));
      if (dataDir != null) {
        if (!Files.exists(dataDir.resolve("lakehouse-catalog.db"))) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "Invalid --data-dir " + dataDir + ": it holds no lakehouse (run ./hub demo --no-serve first)");
        }
        return serveAndLoad(commands, new HubPipeline(commands, dataDir, System.out));
      }
      return inScratchPipeline("api", pipeline -> {
        pipeline.runAll(people, seed);
        return serveAndLoad(commands, pipeline);
      });
    }

    private int serveAndLoad(StepCommands commands, HubPipeline pipeline) throws Exception {
      List<String> readable = ServeCommand.DemoCommunities.largest(pipeline, communities);
      if (readable.isEmpty()) {
        throw new IllegalStateException("Cannot bench the API: the merge left gold.person without persons");
      }
      RosterLoad.Result result;
      // the demo client's rate limit above the offered load: this measures serving, not the limiter
      try (ApiServer server = ApiServer.start(commands, pipeline, pipeline.dataDir(), freePort(), readable,
          java.time.Duration.ofSeconds(120), List.of("--hub.api.demo-requests-per-second=" + Math.max(50, 2 * rps)))) {
        System.err.printf(Locale.ROOT, "bench api: %d rps for %d s after %d s of warm-up, %d-row pages of %d communities%n",
            rps, seconds, warmUp, PAGE_SIZE, readable.size());
        RosterLoad load = new RosterLoad(new RosterLoad.Settings(java.net.URI.create(server.baseUrl()), server.demoKey(), readable,
            rps, java.time.Duration.ofSeconds(warmUp), java.time.Duration.ofSeconds(seconds), PAGE_SIZE));
        load.awaitFirstPage(java.time.Duration.ofSeconds(120));
        System.err.println("bench api: the first page answered, starting the schedule");
        result = load.run(System.err);
      } // the API has exited here: none of its log lines can come after the result
      String data = dataDir != null ? dataDir.toString() : "scratch-city-of-" + people + "-people";
      System.out.printf(Locale.ROOT, "data=%s communities=%d sent=%d answered=%d p90_ms=%.1f p999_ms=%.1f max_ms=%.1f "
              + "worst_send_lag_ms=%.1f errors_by_kind=%s%n", data, readable.size(), result.sent(), result.latenciesNanos().length,
          result.percentileMs(90), result.percentileMs(99.9), result.maxMs(), result.lateSendsNanos() / 1e6, result.errorKinds());
      System.out.println(result.summaryLine());
      return 0;
    }

    private static int freePort() throws java.io.IOException {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "Time the city generator.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--people", defaultValue = "100000", description = "People (default ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--seed", defaultValue = "20201")
    long seed;

    @Override
    public Integer call() throws Exception {
      Path out = Files.createTempDirectory("hub-bench-generate");
      try {
        long start = System.nanoTime();
        GeneratedCity city = new CityGenerator(new CityGeneratorConfig(seed, people, out)).generate(new ConsoleProgress(System.out));
        double seconds = (System.nanoTime() - start) / 1e9;
        long records = city.feeds().values().stream().mapToLong(f -> f.records()).sum();
        System.out.printf(Locale.ROOT, "people=%d source_records=%d seconds=%.1f people_per_s=%.0f peak_rss_mb=%d%n",
            people, records, seconds, people / seconds, peakRssMb());
        return 0;
      } finally {
        deleteTree(out);
      }
    }
  }
}
