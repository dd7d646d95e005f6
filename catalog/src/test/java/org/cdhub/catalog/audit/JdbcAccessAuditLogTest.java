package org.cdhub.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access audit in the embedded profile's SQLite file. */
class JdbcAccessAuditLogTest extends JdbcAccessAuditLogContract {
  @TempDir Path dataDir;

  @Override
  CatalogDatabase openEmptyCatalog() {
    return CatalogDatabase.open(CatalogConfig.embedded(dataDir));
  }

  @Override
  void dropAppendOnlyTriggers(Statement s) throws SQLException {
    s.execute("DROP TRIGGER access_event_no_update");
    s.execute("DROP TRIGGER access_event_no_delete");
  }

  @Test
  void survivesReopeningTheDatabase() {
    AccessEvent event = event("client-a", Instant.parse("2026-11-20T10:00:00Z"));
    catalog.auditLog().record(event);
    catalog.close();

    try (CatalogDatabase reopened = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      assertThat(reopened.auditLog().recent(1)).containsExactly(event);
    }
  }

  @Test
  void rejectsANegativeRecordCountNamingTheClientAndDataset() {
    assertThatThrownBy(() -> new AccessEvent(Instant.EPOCH, "client-a", null, "gold.person", "READ_PERSONS",
        null, -1, false, "OK"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid access event of client client-a on gold.person, field record_count: must not be negative: -1");
  }
}
