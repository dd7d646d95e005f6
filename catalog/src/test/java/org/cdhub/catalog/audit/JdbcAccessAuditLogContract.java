package org.cdhub.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with the access audit; run on SQLite and on PostgreSQL. */
abstract class JdbcAccessAuditLogContract {
  static final Instant T0 = Instant.parse("2026-11-20T09:30:00.250Z");

  CatalogDatabase catalog;
  private AccessAuditLog audit;

  /** Opens a catalog database with an empty audit log. */
  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  /** Removes what {@link #openEmptyCatalog} created, after the catalog is closed. */
  void dropCatalog() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    audit = catalog.auditLog();
  }

  @AfterEach
  void close() throws Exception {
    if (catalog != null) { // null when the test was skipped
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void returnsTheLatestEventsNewestFirstWithEveryField() {
    List<AccessEvent> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AccessEvent event = new AccessEvent(T0.plusSeconds(i), "jinfeng-platform", i == 3 ? null : "elderly care visits",
          "gold.person", "READ_PERSONS", i == 4 ? null : "community:640106001002", 20 + i, i == 2, i == 1 ? "DENIED" : "OK");
      audit.record(event);
      recorded.add(event);
    }

    assertThat(audit.recent(3)).containsExactly(recorded.get(4), recorded.get(3), recorded.get(2));
    assertThat(audit.recent(100)).hasSize(5).last().isEqualTo(recorded.get(0));
    assertThat(audit.recent(0)).isEmpty();
  }

  @Test
  void ordersByRecordingNotByTheClientsClock() {
    AccessEvent late = event("client-a", T0.plusSeconds(60));
    AccessEvent early = event("client-b", T0);

    audit.record(late);
    audit.record(early);

    assertThat(audit.recent(2)).containsExactly(early, late);
  }

  @Test
  void databaseRefusesToChangeOrDeleteAuditRecords() throws SQLException {
    AccessEvent event = event("client-a", T0);
    audit.record(event);

    try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE access_event SET unmasked = TRUE"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_event is append-only: UPDATE refused");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_event"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_event is append-only: DELETE refused");
    }
    assertThat(audit.recent(10)).containsExactly(event);
  }

  @Test
  void rejectsANegativeLimit() {
    assertThatThrownBy(() -> audit.recent(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot list recent access events: limit must not be negative: -1");
  }

  static AccessEvent event(String client, Instant at) {
    return new AccessEvent(at, client, "grid inspection", "gold.person", "READ_PERSONS",
        "community:640104001001", 1, false, "OK");
  }
}
