package org.cdhub.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.TestPostgres;
import org.junit.jupiter.api.Test;

/** The access audit in the cluster profile's PostgreSQL, a fresh schema per test. */
class JdbcAccessAuditLogOnPostgresTest extends JdbcAccessAuditLogContract {
  private TestPostgres.FreshSchema schema;

  @Override
  CatalogDatabase openEmptyCatalog() throws SQLException {
    TestPostgres.assumeReachable(); // per test, so each one is reported as skipped with the reason
    schema = TestPostgres.freshSchema();
    return CatalogDatabase.open(schema.config());
  }

  @Override
  void dropAppendOnlyTriggers(Statement s) throws SQLException {
    s.execute("DROP TRIGGER access_event_no_change ON access_event");
  }

  @Override
  void dropCatalog() throws SQLException {
    schema.close();
  }

  @Test
  void databaseRefusesToTruncateTheAuditLog() throws SQLException {
    AccessEvent event = event("client-a", T0);
    catalog.auditLog().record(event);

    try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("TRUNCATE access_event"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_event is append-only: TRUNCATE refused");
    }
    assertThat(catalog.auditLog().recent(10)).containsExactly(event);
  }
}
