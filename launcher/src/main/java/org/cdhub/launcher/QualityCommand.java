package org.cdhub.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.cdhub.model.lakehouse.LakehouseConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Print the data quality of each feed from its standardize runs (ops.quality_run, ops.quality_metric,"
        + " silver.quarantine) and write an HTML report with charts.",
        "Exits 1 when the latest run of a reported feed was REFUSED."})
final class QualityCommand implements Callable<Integer> {
  @Option(names = "--feed", description = "Report this feed only (e.g. hr_household).")
  String feed;

  @Option(names = "--html", description = "Where to write the HTML report (default: <data-dir>/reports/quality.html).")
  Path html;

  @Option(names = "--runs", defaultValue = "10", description = "How many latest runs the trend shows (default ${DEFAULT-VALUE}).")
  int runs;

  @CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1, got " + runs);
    }
    Path dataDir = data.resolve(LauncherConfig.fromEnvironment(System.getenv()));
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dataDir)) {
      // opening the catalog would fail on a missing directory, or create one in the wrong place
      out.println("No data directory at " + dataDir + ": run ./hub ingest and ./hub run standardize first, or pass --data-dir.");
      out.flush();
      return 0;
    }
    QualityReport report = QualityReport.read(LakehouseConfig.embedded(dataDir), feed, runs);
    out.print(QualityTerminal.render(report));
    if (report.isEmpty()) {
      out.flush();
      return 0;
    }
    Path target = (html != null ? html : dataDir.resolve("reports").resolve("quality.html")).toAbsolutePath().normalize();
    write(target, QualityHtml.render(report, Instant.now()));
    out.println("HTML report: " + target);
    out.flush();
    return report.anyLatestRefused() ? 1 : 0;
  }

  /** Writes through a temporary file so a browser never opens half a report. */
  private static void write(Path target, String content) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".quality", ".html.tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the HTML report to " + target, e);
    }
  }
}
