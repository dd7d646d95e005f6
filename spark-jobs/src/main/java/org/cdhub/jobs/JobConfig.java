package org.cdhub.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * Settings of one Spark job run, resolved once on the driver and never shipped to executors.
 * Each key is looked up as a flag, then an environment variable, then in the {@code --config}
 * properties file, then defaulted. The lakehouse location comes from
 * {@code -Dhub.lakehouse.*} system properties (the launcher's contract), else the embedded
 * profile under the data dir.
 *
 * @param master Spark master URL ({@code hub.jobs.master}, flag {@code --master}, env {@code HUB_JOBS_MASTER})
 * @param contractsDir directory of source contract YAML files, or null for the contracts bundled in hub-model
 *     ({@code hub.jobs.contracts}, flag {@code --contracts}, env {@code HUB_JOBS_CONTRACTS})
 * @param shufflePartitions {@code spark.sql.shuffle.partitions} ({@code hub.jobs.shuffle-partitions})
 * @param dataDir data directory of the embedded profile ({@code hub.data-dir}, flag {@code --data-dir}, env {@code HUB_DATA_DIR})
 * @param lakehouse Iceberg catalog the jobs read and write
 */
public record JobConfig(String master, Path contractsDir, int shufflePartitions, Path dataDir, LakehouseConfig lakehouse) {
  public static final String DEFAULT_MASTER = "local[2]";
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /** Every key, with its flag and environment variable. */
  enum Key {
    MASTER("hub.jobs.master", "--master", "HUB_JOBS_MASTER"),
    CONTRACTS("hub.jobs.contracts", "--contracts", "HUB_JOBS_CONTRACTS"),
    SHUFFLE_PARTITIONS("hub.jobs.shuffle-partitions", "--shuffle-partitions", "HUB_JOBS_SHUFFLE_PARTITIONS"),
    DATA_DIR("hub.data-dir", "--data-dir", "HUB_DATA_DIR");

    final String property;
    final String flag;
    final String env;

    Key(String property, String flag, String env) {
      this.property = property;
      this.flag = flag;
      this.env = env;
    }
  }

  static final String CONFIG_FLAG = "--config";

  public JobConfig {
    requireNonNull(master, "master is null");
    requireNonNull(dataDir, "dataDir is null");
    requireNonNull(lakehouse, "lakehouse is null");
    if (master.isBlank()) {
      throw new IllegalArgumentException("Invalid hub.jobs.master: blank");
    }
    if (contractsDir != null && !Files.isDirectory(contractsDir)) {
      throw new IllegalArgumentException("Invalid hub.jobs.contracts, not a directory: " + contractsDir);
    }
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("Invalid hub.jobs.shuffle-partitions, must be at least 1: " + shufflePartitions);
    }
  }

  /** The contracts directory, if one was given; otherwise the jobs read hub-model's bundled contracts. */
  public Optional<Path> contracts() {
    return Optional.ofNullable(contractsDir);
  }

  /** Defaults everywhere, lakehouse in the embedded profile under {@code dataDir}: what tests use. */
  public static JobConfig embedded(Path dataDir) {
    return new JobConfig(DEFAULT_MASTER, null, DEFAULT_SHUFFLE_PARTITIONS, dataDir, LakehouseConfig.embedded(dataDir));
  }

  public JobConfig withContracts(Path dir) {
    return new JobConfig(master, dir, shufflePartitions, dataDir, lakehouse);
  }

  /**
   * Resolves the configuration from command-line flags (after the job name), the environment
   * and an optional {@code --config} file.
   *
   * @param lakehouseFor lakehouse for the resolved data dir, normally {@link LakehouseConfig#fromSystemProperties}
   * @throws IllegalArgumentException naming the flag or key on an unknown flag, a missing value or a bad number
   */
  public static JobConfig resolve(List<String> args, Map<String, String> env, Function<Path, LakehouseConfig> lakehouseFor) {
    requireNonNull(args, "args is null");
    requireNonNull(env, "env is null");
    requireNonNull(lakehouseFor, "lakehouseFor is null");
    Map<Key, String> flags = new LinkedHashMap<>();
    Path configFile = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      Key key = keyForFlag(name);
      if (key == null && !name.equals(CONFIG_FLAG)) {
        throw new IllegalArgumentException("Unknown argument: " + arg + " (known: " + knownFlags() + ")");
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("Missing value for " + name);
        }
        value = args.get(++i);
      }
      if (key == null) {
        configFile = Path.of(value);
      } else {
        flags.put(key, value);
      }
    }
    Map<String, String> file = configFile == null ? Map.of() : readConfigFile(configFile);
    Map<Key, String> resolved = new LinkedHashMap<>();
    for (Key key : Key.values()) {
      String v = flags.get(key);
      if (v == null) {
        v = env.get(key.env);
      }
      if (v == null) {
        v = file.get(key.property);
      }
      if (v != null && !v.isBlank()) {
        resolved.put(key, v.trim());
      }
    }
    Path dataDir = Optional.ofNullable(resolved.get(Key.DATA_DIR)).map(Path::of).orElse(DEFAULT_DATA_DIR);
    return new JobConfig(
        resolved.getOrDefault(Key.MASTER, DEFAULT_MASTER),
        Optional.ofNullable(resolved.get(Key.CONTRACTS)).map(Path::of).orElse(null),
        integer(Key.SHUFFLE_PARTITIONS, resolved.get(Key.SHUFFLE_PARTITIONS), DEFAULT_SHUFFLE_PARTITIONS),
        dataDir,
        lakehouseFor.apply(dataDir));
  }

  static String knownFlags() {
    List<String> flags = new ArrayList<>();
    for (Key k : Key.values()) {
      flags.add(k.flag);
    }
    flags.add(CONFIG_FLAG);
    return String.join(", ", flags);
  }

  private static Key keyForFlag(String flag) {
    for (Key k : Key.values()) {
      if (k.flag.equals(flag)) {
        return k;
      }
    }
    return null;
  }

  private static int integer(Key key, String value, int def) {
    if (value == null) {
      return def;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + key.property + ", expected an integer: " + value, e);
    }
  }

  /** A properties file of {@code hub.*} keys; an unknown key is an error, so a typo never goes unnoticed. */
  private static Map<String, String> readConfigFile(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read job config file " + file, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : props.stringPropertyNames()) {
      boolean known = false;
      for (Key k : Key.values()) {
        known |= k.property.equals(name);
      }
      if (!known) {
        throw new IllegalArgumentException("Invalid job config file " + file + ": unknown key '" + name + "'");
      }
      out.put(name, props.getProperty(name));
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "JobConfig[master=%s, contracts=%s, shufflePartitions=%d, catalog=%s, warehouse=%s]",
        master, contractsDir == null ? "bundled" : contractsDir, shufflePartitions, lakehouse.catalogName(), lakehouse.warehouse());
  }
}
