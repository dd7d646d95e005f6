package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the runner.
 *
 * @param flow flow definition JSON (NiFi 2.x "flow definition")
 * @param parameters parameter values by name, overriding the flow's parameter contexts
 * @param narDir directory holding every NAR the flow needs, the stateless engine's included
 * @param workDir scratch space (unpacked NARs, content) and the flow's persisted component state
 * @param maxTriggers safety stop: most triggers that bring data in one run
 * @param listenIdleMillis 0 for a pull source (stop at the first trigger that brings nothing); for a listening
 *     source (HTTP push, MQTT), keep triggering until nothing has arrived for this long
 * @param resetState forget the flow's saved state first: pull every row, list every file again
 */
public record RunnerOptions(Path flow, Map<String, String> parameters, Path narDir, Path workDir, int maxTriggers,
    long listenIdleMillis, boolean resetState) {
  public static final String USAGE = """
      usage: java -jar hub-flow-runner.jar --flow <flow.json> [--param name=value ...] [--nar-dir <dir>] [--work-dir <dir>] [--max-triggers <n>] [--listen-idle-ms <ms>] [--reset-state]
        Runs the flow in NiFi's stateless engine until its source has nothing new, then prints
        INGEST feed=<feed> read=<n> landed=<n> quarantined=<n> batches=<n> duration_ms=<n>
        --nar-dir   default: the nars/ directory beside this jar
        --work-dir  default: the work/ directory beside this jar; holds the flow's state (watermarks)
        --listen-idle-ms  for listening sources (HTTP push, MQTT): stop once nothing arrived for this long
        --reset-state     forget the flow's state (watermark, file listing) and start from the beginning;
                          batches bronze already holds are skipped""";

  public RunnerOptions {
    requireNonNull(flow, "flow is null");
    parameters = Map.copyOf(parameters);
    requireNonNull(narDir, "narDir is null");
    requireNonNull(workDir, "workDir is null");
    if (maxTriggers < 1) {
      throw new IllegalArgumentException("Invalid --max-triggers, must be at least 1: " + maxTriggers);
    }
    if (listenIdleMillis < 0) {
      throw new IllegalArgumentException("Invalid --listen-idle-ms, must be 0 or more: " + listenIdleMillis);
    }
  }

  /** Thrown for a command line that cannot be run; the message says what is wrong. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Parses the command line; defaults are resolved against the runner's home directory. */
  public static RunnerOptions parse(List<String> args, Path runnerHome) {
    Path flow = null;
    Path narDir = runnerHome.resolve("nars");
    Path workDir = runnerHome.resolve("work");
    int maxTriggers = 1000;
    long listenIdleMillis = 0;
    boolean resetState = false;
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      switch (option) {
        case "--flow" -> flow = Path.of(value(option, rest));
        case "--nar-dir" -> narDir = Path.of(value(option, rest));
        case "--work-dir" -> workDir = Path.of(value(option, rest));
        case "--max-triggers" -> maxTriggers = (int) number(option, rest);
        case "--listen-idle-ms" -> listenIdleMillis = number(option, rest);
        case "--reset-state" -> resetState = true;
        case "--param" -> {
          String v = value(option, rest);
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--param needs name=value, got '" + v + "'");
          }
          parameters.put(v.substring(0, eq), v.substring(eq + 1));
        }
        default -> throw new UsageException("Unknown option '" + option + "'");
      }
    }
    if (flow == null) {
      throw new UsageException("--flow <flow.json> is required");
    }
    return new RunnerOptions(flow.toAbsolutePath().normalize(), parameters, narDir.toAbsolutePath().normalize(),
        workDir.toAbsolutePath().normalize(), maxTriggers, listenIdleMillis, resetState);
  }

  private static long number(String option, List<String> rest) {
    String v = value(option, rest);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, got '" + v + "'");
    }
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return rest.remove(0);
  }

  /** Feed id for the summary: the {@code feed} parameter, else the flow file's base name. */
  public String feed() {
    String feed = parameters.get("feed");
    if (feed != null && !feed.isBlank()) {
      return feed;
    }
    String name = flow.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
