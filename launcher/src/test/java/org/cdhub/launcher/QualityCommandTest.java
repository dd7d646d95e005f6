package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QualityCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void exitsNonZeroWhenTheLatestRunOfAReportedFeedWasRefusedAndWritesTheHtmlUnderTheDataDir(@TempDir Path dir) throws Exception {
    QualityReportTest.fill(dir);

    assertThat(run("quality", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("ca_elderly").contains("hr_household").contains("REFUSED");
    Path html = dir.resolve("reports/quality.html");
    assertThat(html).exists();
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("ca_elderly").contains("hr_household");
    assertThat(out.toString()).contains("HTML report: " + html.toAbsolutePath().normalize());
  }

  @Test
  void feedSelectsOneFeedAndAPublishedLatestRunExitsZero(@TempDir Path dir) throws Exception {
    QualityReportTest.fill(dir);
    Path html = dir.resolve("elsewhere/hr.html");

    assertThat(run("quality", "--data-dir", dir.toString(), "--feed", "hr_household", "--runs", "2", "--html", html.toString()))
        .isEqualTo(0);
    assertThat(out.toString()).contains("hr_household").doesNotContain("ca_elderly").contains("last 2 runs");
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("hr_household").doesNotContain("ca_elderly");
    assertThat(dir.resolve("reports/quality.html")).doesNotExist();
  }

  @Test
  void anEmptyLakehouseGetsAClearMessageAndNoReport(@TempDir Path dir) {
    assertThat(run("quality", "--data-dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("No standardize runs recorded yet in ops.quality_run");
    assertThat(dir.resolve("reports/quality.html")).doesNotExist();
  }

  @Test
  void aMissingDataDirectoryIsSaidAndNotCreated(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere");
    assertThat(run("quality", "--data-dir", missing.toString())).isZero();
    assertThat(out.toString()).contains("No data directory at " + missing);
    assertThat(missing).doesNotExist();
  }

  @Test
  void anUnknownFeedIsNamedInTheMessage(@TempDir Path dir) {
    QualityReportTest.fill(dir);
    assertThat(run("quality", "--data-dir", dir.toString(), "--feed", "no_such_feed")).isZero();
    assertThat(out.toString()).contains("for feed no_such_feed");
  }

  @Test
  void aTrendOfNoRunsIsAUsageError(@TempDir Path dir) {
    assertThat(run("quality", "--data-dir", dir.toString(), "--runs", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: ").contains("--runs");
  }
}
