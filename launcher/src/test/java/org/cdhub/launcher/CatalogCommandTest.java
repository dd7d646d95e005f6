package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
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

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
