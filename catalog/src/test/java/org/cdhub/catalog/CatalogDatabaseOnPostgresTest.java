package org.cdhub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster profile: the same migrations on PostgreSQL, in a schema of their own. */
class CatalogDatabaseOnPostgresTest {
  private TestPostgres.FreshSchema schema;

  @BeforeEach
  void createSchema() throws SQLException {
    TestPostgres.assumeReachable(); // per test, so each one is reported as skipped with the reason
    schema = TestPostgres.freshSchema();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema != null) { // null when the test was skipped
      schema.close();
    }
  }

  @Test
  void migratesAnEmptySchemaOnceAndOnlyOnce() throws SQLException {
    try (CatalogDatabase catalog = CatalogDatabase.open(schema.config())) {
      assertThat(catalog.migrationsApplied()).isEqualTo(7);
      assertThat(tablesIn(catalog, schema.name()))
          .containsExactly("access_event", "catalog_schema_history", "community_correction", "dataset", "dataset_field", "dataset_quality", "subscription", "unmask_grant");
    }

    try (CatalogDatabase reopened = CatalogDatabase.open(schema.config())) {
      assertThat(reopened.migrationsApplied()).isZero();
    }
  }

  @Test
  void createsTheConfiguredSchemaWhenItIsMissing() throws SQLException {
    TestPostgres.FreshSchema missing = new TestPostgres.FreshSchema(schema.name() + "_new");
    try (CatalogDatabase catalog = CatalogDatabase.open(missing.config())) {
      assertThat(catalog.migrationsApplied()).isEqualTo(7);
      assertThat(tablesIn(catalog, missing.name())).contains("dataset", "access_event");
    } finally {
      missing.close();
    }
  }

  @Test
  void connectsUnderTheCatalogsApplicationName() throws SQLException {
    try (CatalogDatabase catalog = CatalogDatabase.open(schema.config());
         Connection c = catalog.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT current_setting('application_name'), current_schema()");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("hub-catalog");
      assertThat(rs.getString(2)).isEqualTo(schema.name());
    }
  }

  private static List<String> tablesIn(CatalogDatabase catalog, String schemaName) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = catalog.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
      ps.setString(1, schemaName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }
}
