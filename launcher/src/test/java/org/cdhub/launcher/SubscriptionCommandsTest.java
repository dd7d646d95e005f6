package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.subscription.SubscriptionState;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./hub subscribe|approve|grants [revoke]} on a temporary SQLite catalog with gold.person (conditional) registered. */
class SubscriptionCommandsTest {
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void registerGoldPerson() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 10, 1L, Instant.now(), Instant.now()));
    }
  }

  @Test
  void subscribeWaitsForApprovalThenGrantsListAndRevoke() {
    assertThat(run("subscribe", "gold.person", "--data-dir", dataDir.toString(), "--department", "civil-affairs",
        "--purpose", "低保复核", "--columns", "master_id,sex,community_code", "--scope", "640106", "--until", "2099-01-01",
        "--by", "zhang")).isZero();
    assertThat(out.toString()).startsWith("Subscription 1: civil-affairs on gold.person, columns master_id,sex,community_code,"
        + " scope 640106, until 2099-01-01T00:00:00Z: REQUESTED");

    assertThat(run("approve", "1", "--data-dir", dataDir.toString(), "--reject")).isEqualTo(1);
    assertThat(out.toString()).contains("[reason.required]");
    assertThat(run("approve", "1", "--data-dir", dataDir.toString(), "--department", "civil-affairs")).isEqualTo(1);
    assertThat(out.toString()).contains("[department.not-owner]");
    assertThat(run("approve", "1", "--data-dir", dataDir.toString(), "--by", "li")).isZero();
    assertThat(out.toString()).contains("Subscription 1: ").endsWith(": GRANTED" + System.lineSeparator());

    out.getBuffer().setLength(0);
    assertThat(run("grants", "--data-dir", dataDir.toString(), "--department", "civil-affairs")).isZero();
    assertThat(out.toString().lines().toList()).hasSize(2).first().isEqualTo("1 subscription");
    out.getBuffer().setLength(0);
    assertThat(run("grants", "--data-dir", dataDir.toString(), "--dataset", "gold.place")).isZero();
    assertThat(out.toString()).isEqualTo("0 subscriptions" + System.lineSeparator());

    assertThat(run("grants", "revoke", "1", "--data-dir", dataDir.toString(), "--reason", "项目结束")).isZero();
    assertThat(out.toString()).contains(": REVOKED (项目结束)");
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      assertThat(catalog.subscriptions().find(1).orElseThrow().state()).isEqualTo(SubscriptionState.REVOKED);
      assertThat(catalog.auditLog().recent(3)).extracting(e -> e.action())
          .containsExactly("SUBSCRIPTION_REVOKED", "SUBSCRIPTION_APPROVED", "SUBSCRIPTION_REQUESTED");
    }
  }

  @Test
  void aBrokenRequestIsRefusedNamingFieldAndRule() {
    assertThat(run("subscribe", "gold.person", "--data-dir", dataDir.toString(), "--department", "civil-affairs",
        "--purpose", "p", "--columns", "master_id,id_number", "--scope", "640106", "--until", "2099-01-01")).isEqualTo(1);
    assertThat(out.toString()).contains("field legalPurpose", "[legalPurpose.required-for-personal-column]");
    assertThat(run("subscribe", "gold.person", "--data-dir", dataDir.toString(), "--department", "Civil Affairs",
        "--purpose", "p", "--columns", "master_id", "--until", "2099-01-01")).isEqualTo(2);
    assertThat(err.toString()).contains("[department.format]");
  }

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
