package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./hub catalog search|show} on a catalog database published with the hub's real tables and contracts. */
class CatalogCommandTest {
  static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void publish() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      for (SourceContract contract : SourceContracts.loadDirectory(Path.of("../schemas/contracts")).values()) {
        catalog.datasets().upsert(DatasetDescriptions.forBronzeFeed(contract, 7_856, 1L, NOW, NOW));
      }
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 469_888, 2L, NOW, NOW));
    }
  }

  @Test
  void searchListsTheBestMatchFirstWithItsCodeAndTitle() {
    assertThat(run("catalog", "search", "退役军人", "--data-dir", dataDir.toString())).isZero();
    String printed = out.toString();
    assertThat(printed).contains("dataset(s) match");
    String first = printed.lines().filter(l -> l.startsWith(" 1. ")).findFirst().orElseThrow();
    assertThat(first).contains("bronze.va_veteran").contains("640100-SQYS-");
    assertThat(printed).contains("退役军人信息采集台账");
  }

  @Test
  void showPrintsTheEntryByNameOrResourceCodeWithEveryField() {
    assertThat(run("catalog", "show", "gold.person", "--data-dir", dataDir.toString())).isZero();
    String byName = out.toString();
    assertThat(byName).contains("社区人口基础信息").contains("469,888").contains("id_number").contains("CONDITIONAL");
    String code = byName.lines().findFirst().orElseThrow().split("\\s+")[1];

    out.getBuffer().setLength(0);
    assertThat(run("catalog", "show", code.toLowerCase(java.util.Locale.ROOT), "--data-dir", dataDir.toString())).isZero();
    assertThat(out.toString()).isEqualTo(byName);
  }

  @Test
  void anUnknownDatasetABlankQueryAndAMissingCatalogAreClearFailures() {
    assertThat(run("catalog", "show", "gold.nothing", "--data-dir", dataDir.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("No dataset gold.nothing");
    assertThat(run("catalog", "search", " ", "--data-dir", dataDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("q is blank");

    out.getBuffer().setLength(0);
    assertThat(run("catalog", "search", "人口", "--data-dir", dataDir.resolve("elsewhere").toString())).isEqualTo(1);
    assertThat(out.toString()).contains("No catalog database at").contains("nothing has been published there");
  }

  @Test
  void showPrintsFreshnessAgainstTheUpdateCycleAndTheQualityScore() {
    Instant recent = Instant.now().minusSeconds(2 * 3600);
    Instant fiveDaysAgo = Instant.now().minus(java.time.Duration.ofDays(5));
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PLACE, 10, 3L, recent, recent));
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 10, 3L, fiveDaysAgo, recent));
      catalog.qualityScores().record(DatasetQuality.of("gold.place",
          List.of(new DatasetQuality.Run("run-7", 19, 1, 1_000, 50, recent))));
    }

    assertThat(run("catalog", "show", "gold.place", "--data-dir", dataDir.toString())).isZero();
    assertThat(out.toString()).containsPattern("freshness +FRESH \\(age 2h 0\\dm\\) against a daily cycle")
        .contains("quality         90.3 / 100 (checks 19 of 20 passed, 50 of 1,000 rows quarantined; 1 standardize run(s)");

    out.getBuffer().setLength(0);
    assertThat(run("catalog", "show", "gold.person", "--data-dir", dataDir.toString())).isZero();
    // missed more than two daily cycles
    assertThat(out.toString()).contains("freshness       STALE (age 5d 00h)").contains("quality         no standardize run measured yet");
  }

  @Test
  void theSharingListShowsEachDepartmentTheOtherDepartmentsDatasetsWithTheirTerms() {
    assertThat(run("catalog", "sharing", "--district", "640104", "--data-dir", dataDir.toString())).isZero();
    String printed = out.toString();
    // the veterans bureau's section: its heading and the indented lines under it
    String section = printed.lines().dropWhile(l -> !l.startsWith("市退役军人事务局")).skip(1).takeWhile(l -> l.startsWith(" "))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(section).contains("bronze.hr_household").contains("gold.person").doesNotContain("bronze.va_veteran")
        .contains("district 640104 rows, on approved request").contains("legal basis:");
    assertThat(printed.lines().reduce((a, b) -> b).orElseThrow()).startsWith("sharing list for district 640104: ");

    assertThat(run("catalog", "sharing", "--district", "330102", "--data-dir", dataDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid district '330102'");
  }

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
