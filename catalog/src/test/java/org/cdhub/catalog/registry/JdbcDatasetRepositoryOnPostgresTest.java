package org.cdhub.catalog.registry;

import java.sql.SQLException;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.TestPostgres;

/** Datasets in the cluster profile's PostgreSQL, a fresh schema per test. */
class JdbcDatasetRepositoryOnPostgresTest extends JdbcDatasetRepositoryContract {
  private TestPostgres.FreshSchema schema;

  @Override
  CatalogDatabase openEmptyCatalog() throws SQLException {
    TestPostgres.assumeReachable(); // per test, so each one is reported as skipped with the reason
    schema = TestPostgres.freshSchema();
    return CatalogDatabase.open(schema.config());
  }

  @Override
  void dropCatalog() throws SQLException {
    schema.close();
  }
}
