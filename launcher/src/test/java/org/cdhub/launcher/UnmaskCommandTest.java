package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./hub unmask grant|revoke|list} on a temporary SQLite catalog database. */
class UnmaskCommandTest {
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void createCatalog() {
    CatalogDatabase.open(CatalogConfig.embedded(dataDir)).close();
  }

  @Test
  void grantStoresWhoGrantedWhatForWhichPurposeUntilWhen() {
    assertThat(run("unmask", "grant", "--data-dir", dataDir.toString(), "--client", "north-platform",
        "--fields", "phone,idNumber", "--purpose", "subsidy-review", "--expires", "2099-01-31T16:00:00Z",
        "--community", "640106001001", "--by", "wang.datagov")).isZero();

    assertThat(out.toString()).startsWith("Granted unmask grant 1: client north-platform may see idNumber,phone unmasked "
        + "for purpose subsidy-review in community 640106001001 until 2099-01-31T16:00:00Z (granted by wang.datagov)");
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      UnmaskGrant stored = catalog.unmaskGrants().find(1).orElseThrow();
      assertThat(stored.fields()).containsExactlyInAnyOrder(UnmaskableField.PHONE, UnmaskableField.ID_NUMBER);
      assertThat(stored.grantedBy()).isEqualTo("wang.datagov");
      assertThat(stored.grantedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
      assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2099-01-31T16:00:00Z"));
    }
  }

  @Test
  void revokeEndsAGrantOnceAndListShowsItsStatus() {
    run("unmask", "grant", "--data-dir", dataDir.toString(), "--client", "north-platform", "--fields", "name",
        "--purpose", "census", "--expires", "2099-01-01", "--by", "wang");
    Instant now = Instant.now();
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.unmaskGrants().grant(UnmaskGrant.request("south-platform", EnumSet.of(UnmaskableField.ADDRESS), "relocation",
          null, now.minus(Duration.ofDays(1)), "wang", now.minus(Duration.ofDays(2))));
    }
    out.getBuffer().setLength(0);

    assertThat(run("unmask", "revoke", "--data-dir", dataDir.toString(), "--id", "1", "--by", "zhao")).isZero();
    assertThat(out.toString()).startsWith("Revoked unmask grant 1 of client north-platform (name for census) at ")
        .contains(" by zhao");
    out.getBuffer().setLength(0);
    assertThat(run("unmask", "revoke", "--data-dir", dataDir.toString(), "--id", "1", "--by", "zhao")).isEqualTo(1);
    assertThat(out.toString()).startsWith("Cannot revoke unmask grant 1: already revoked by zhao");
    out.getBuffer().setLength(0);
    assertThat(run("unmask", "revoke", "--data-dir", dataDir.toString(), "--id", "9", "--by", "zhao")).isEqualTo(1);
    assertThat(out.toString()).startsWith("No unmask grant 9.");

    out.getBuffer().setLength(0);
    assertThat(run("unmask", "list", "--data-dir", dataDir.toString())).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("2 unmask grants");
    assertThat(lines.get(1)).startsWith("ID  CLIENT").contains("FIELDS", "PURPOSE", "EXPIRES (UTC)", "GRANTED BY", "STATUS");
    assertThat(lines.get(2)).startsWith("1 ").contains("north-platform", "name", "census", "*", "revoked ", "by zhao");
    assertThat(lines.get(3)).startsWith("2 ").contains("south-platform", "address", "relocation").endsWith("expired");

    out.getBuffer().setLength(0);
    assertThat(run("unmask", "list", "--data-dir", dataDir.toString(), "--active")).isZero();
    assertThat(out.toString()).isEqualTo("0 unmask grants" + System.lineSeparator());
  }

  @Test
  void anUnknownFieldOrAnExpiryInThePastIsAUsageErrorWithOneLine() {
    assertThat(run("unmask", "grant", "--data-dir", dataDir.toString(), "--client", "north-platform", "--fields", "birthDate",
        "--purpose", "census", "--expires", "2099-01-01", "--by", "wang")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("hub: --fields: birthDate cannot be unmasked; use idNumber,name,phone,address"
        + System.lineSeparator());

    err.getBuffer().setLength(0);
    assertThat(run("unmask", "grant", "--data-dir", dataDir.toString(), "--client", "north-platform", "--fields", "name",
        "--purpose", "census", "--expires", "2020-01-01", "--by", "wang")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: Invalid unmask grant for client north-platform, field expires_at: must be after")
        .hasLineCount(1);

    err.getBuffer().setLength(0);
    assertThat(run("unmask", "grant", "--data-dir", dataDir.toString(), "--client", "north-platform", "--fields", "name",
        "--purpose", "census", "--expires", "2099-01-01")).isEqualTo(2);
    assertThat(err.toString()).contains("--by");
  }

  @Test
  void unmaskWithoutASubcommandIsAUsageError() {
    assertThat(run("unmask")).isEqualTo(2);
    assertThat(err.toString()).startsWith("hub: Missing command: ./hub unmask grant, ./hub unmask revoke or ./hub unmask list");
  }

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
