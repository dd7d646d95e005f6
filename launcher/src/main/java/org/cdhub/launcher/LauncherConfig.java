package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the hub is and which JDKs run its parts: Spark needs exactly 17, NiFi 21+.
 * Resolved once from the environment the {@code ./hub} script prepares.
 *
 * @param hubHome project root (env HUB_HOME)
 * @param java17Home JDK 17 for Spark jobs (env HUB_JAVA17_HOME)
 * @param java25Home JDK 21+ for NiFi flows (env HUB_JAVA25_HOME)
 * @param sparkHeap maximum heap of a Spark job's JVM, as -Xmx takes it (env HUB_SPARK_HEAP, default 2g:
 *     enough for a million source records; a full resolve of two million wants about 6g)
 */
public record LauncherConfig(Path hubHome, Path java17Home, Path java25Home, String sparkHeap) {
  static final String DEFAULT_SPARK_HEAP = "2g";

  public LauncherConfig {
    requireNonNull(hubHome, "hubHome is null");
    requireNonNull(java17Home, "java17Home is null");
    requireNonNull(java25Home, "java25Home is null");
    requireNonNull(sparkHeap, "sparkHeap is null");
    if (!sparkHeap.matches("[1-9][0-9]*[mMgG]")) {
      throw new IllegalArgumentException("Invalid HUB_SPARK_HEAP, must be a size such as 2g or 6144m: " + sparkHeap);
    }
  }

  public LauncherConfig(Path hubHome, Path java17Home, Path java25Home) {
    this(hubHome, java17Home, java25Home, DEFAULT_SPARK_HEAP);
  }

  public static LauncherConfig fromEnvironment(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("HUB_HOME", System.getProperty("hub.home", "."))).toAbsolutePath().normalize();
    String heap = env.get("HUB_SPARK_HEAP");
    return new LauncherConfig(home, jdk(env, "HUB_JAVA17_HOME", "17"), jdk(env, "HUB_JAVA25_HOME", "21+"),
        heap == null || heap.isBlank() ? DEFAULT_SPARK_HEAP : heap.strip());
  }

  private static Path jdk(Map<String, String> env, String key, String version) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      // running under the JVM that ./hub chose is fine for the one that matches it
      value = System.getProperty("java.home");
    }
    Path home = Path.of(value);
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalStateException("Cannot find JDK " + version + ": set " + key + " (got " + value + "), or start through ./hub");
    }
    return home;
  }

  public Path java17() {
    return java17Home.resolve("bin/java");
  }

  public Path java25() {
    return java25Home.resolve("bin/java");
  }

  public Path defaultDataDir() {
    return hubHome.resolve(".hub/data");
  }
}
