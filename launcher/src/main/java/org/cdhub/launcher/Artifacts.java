package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/** Built artifacts the launcher runs as separate processes, found under the hub's home. */
public record Artifacts(Path hubHome) {
  public Artifacts {
    requireNonNull(hubHome, "hubHome is null");
  }

  public Path flowRunnerJar() {
    return existing(hubHome.resolve("flows/runner/target/hub-flow-runner.jar"));
  }

  public Path flowDefinition(String feed) {
    return existing(hubHome.resolve("flows/definitions/" + feed + ".json"));
  }

  /** Feeds that have a flow definition, sorted. */
  public java.util.List<String> flowFeeds() {
    try (var files = java.nio.file.Files.list(existing(hubHome.resolve("flows/definitions")))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot list flow definitions under " + hubHome, e);
    }
  }

  /** Parameter values of every flow in one environment, e.g. {@code embedded}. */
  public Path flowProfile(String profile) {
    return existing(hubHome.resolve("flows/profiles/" + profile + ".properties"));
  }

  public Path sparkJobsJar() {
    return existing(hubHome.resolve("spark-jobs/target/hub-spark-jobs.jar"));
  }

  public Path sparkLibDir() {
    return existing(hubHome.resolve("spark-jobs/target/lib"));
  }

  /** Build output: the Spark job JVM's class archives (see SparkClassArchive). */
  public Path sparkClassArchiveDir() {
    return hubHome.resolve("spark-jobs/target/class-archive");
  }

  public Path apiJar() {
    return existing(hubHome.resolve("api/target/hub-api.jar"));
  }

  public Path contractsDir() {
    return existing(hubHome.resolve("schemas/contracts"));
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException("Cannot find " + path + ": build first with ./hub build");
    }
    return path;
  }
}
