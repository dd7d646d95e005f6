package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.model.lakehouse.LakehouseConfig;

/**
 * The packaged runner started with {@code java -jar}, as the launcher starts it (lakehouse as
 * {@code -Dhub.lakehouse.*}, heap capped at 512 MB), and the lakehouse read back with Iceberg.
 */
final class RunnerProcess {
  static final long HEAP_MB = 512;

  private RunnerProcess() {}

  /** What one run printed; {@code peakRssKb} is the largest resident set seen while it ran (0 where /proc is missing). */
  record Run(int exitCode, String stdout, String stderr, long peakRssKb) {
    String ingestLine() {
      List<String> lines = stdout.lines().toList();
      assertThat(lines).as("stdout (stderr: %s)", stderr).hasSize(1);
      return lines.get(0);
    }
  }

  static Run run(String flow, LakehouseConfig lakehouse, Path work, Path dir, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + HEAP_MB + "m");
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(System.getProperty("hub.flows.runner.jar"));
    cmd.addAll(List.of("--flow", Path.of(System.getProperty("hub.flows.definitions"), flow + ".json").toString()));
    cmd.addAll(List.of("--work-dir", work.toString()));
    cmd.addAll(args);
    Path out = dir.resolve("runner.out");
    Path err = dir.resolve("runner.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    long peak = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, rssKb(p.pid()));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("runner did not finish in 240 s: " + Files.readString(err, StandardCharsets.UTF_8));
      }
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), peak);
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just ended, or no /proc here
    }
    return 0;
  }

  static List<Record> rows(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      if (!catalog.tableExists(table)) {
        return List.of();
      }
      List<Record> rows = new ArrayList<>();
      try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(table)).build()) {
        it.forEach(r -> rows.add(r.copy()));
      }
      return rows;
    }
  }

  static boolean tableExists(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      return catalog.tableExists(table);
    }
  }
}
