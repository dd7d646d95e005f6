package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.model.lakehouse.LakehouseConfig;

/** Builds the command lines of the hub's parts: each in its own JVM on the JDK it needs. */
public final class StepCommands {
  /** What Spark 3.5 needs opened on Java 17 (Spark's own JavaModuleOptions list). */
  static final List<String> SPARK_JVM_OPTIONS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      // Spark's generated code for wide rows exceeds HotSpot's 8,000-byte limit and would run interpreted
      "-XX:-DontCompileHugeMethods",
      // batch jobs want throughput, not short pauses: G1's concurrent work took ~8% of two cores
      "-XX:+UseParallelGC",
      // C2 only for code hot across the run: at the default thresholds it spent a quarter of the
      // CPU on Spark's start-up code (Janino, ASM, serialization) that runs for seconds only
      "-XX:Tier4InvocationThreshold=50000",
      "-XX:Tier4MinInvocationThreshold=6000",
      "-XX:Tier4CompileThreshold=150000",
      "-XX:Tier4BackEdgeThreshold=400000");

  private final LauncherConfig config;
  private final Artifacts artifacts;

  public StepCommands(LauncherConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.artifacts = new Artifacts(config.hubHome());
  }

  public Artifacts artifacts() {
    return artifacts;
  }

  /** Runs one feed's flow definition through NiFi's stateless engine. */
  public ChildJvm ingest(String feed, Path dataDir, LakehouseConfig lakehouse, List<String> params) {
    return ingest(feed, dataDir, lakehouse, params, List.of());
  }

  /** As above, with runner options such as {@code --listen-idle-ms} for a listening source. */
  public ChildJvm ingest(String feed, Path dataDir, LakehouseConfig lakehouse, List<String> params, List<String> runnerOptions) {
    return ingest(artifacts.flowDefinition(feed), dataDir, lakehouse, params, runnerOptions);
  }

  /** As above for a flow definition outside {@code flows/definitions} (a benchmark's feed). */
  public ChildJvm ingest(Path flowDefinition, Path dataDir, LakehouseConfig lakehouse, List<String> params, List<String> runnerOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.java25().toString());
    cmd.add("-Xmx2g"); // a 1M-row CSV export is decoded whole (~1 GB of text and bytes)
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(artifacts.flowRunnerJar().toString());
    cmd.add("--flow");
    cmd.add(flowDefinition.toString());
    cmd.add("--work-dir");
    cmd.add(dataDir.resolve("nifi-work").toString());
    for (String p : params) {
      cmd.add("--param");
      cmd.add(p);
    }
    cmd.addAll(runnerOptions);
    return new ChildJvm(cmd, config.hubHome());
  }

  /** Runs one Spark job in local mode on JDK 17. */
  public ChildJvm sparkJob(String job, LakehouseConfig lakehouse, List<String> args) {
    return sparkJob(job, lakehouse, artifacts.contractsDir(), args);
  }

  /** As above with the source contracts of {@code contractsDir} (a benchmark's feed). */
  public ChildJvm sparkJob(String job, LakehouseConfig lakehouse, Path contractsDir, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.java17().toString());
    cmd.add("-Xmx" + config.sparkHeap());
    cmd.addAll(SPARK_JVM_OPTIONS);
    SparkClassArchive archive = sparkClassArchive();
    cmd.addAll(archive.jvmOptions());
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-cp");
    cmd.add(archive.classpathString());
    cmd.add("org.cdhub.jobs.HubJobs");
    cmd.add(job);
    cmd.add("--contracts");
    cmd.add(contractsDir.toString());
    cmd.addAll(args);
    return new ChildJvm(cmd, config.hubHome());
  }

  /** The Spark jobs' class archive, keyed by the current JDK and jars. */
  public SparkClassArchive sparkClassArchive() {
    List<Path> jars = SparkClassArchive.jarsOf(artifacts.sparkJobsJar(), artifacts.sparkLibDir());
    boolean enabled = !"off".equalsIgnoreCase(System.getenv().getOrDefault("HUB_SPARK_CLASS_ARCHIVE", "on"));
    return new SparkClassArchive(config.java17(), jars, artifacts.sparkClassArchiveDir(), enabled);
  }

  /** Serves the return-data API. */
  public ChildJvm api(Path dataDir, LakehouseConfig lakehouse, int port, List<String> extraArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.java17().toString());
    cmd.add("-Xmx512m");
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(artifacts.apiJar().toString());
    cmd.add("--hub.data-dir=" + dataDir);
    cmd.add("--server.port=" + port);
    cmd.addAll(extraArgs);
    return new ChildJvm(cmd, config.hubHome());
  }
}
