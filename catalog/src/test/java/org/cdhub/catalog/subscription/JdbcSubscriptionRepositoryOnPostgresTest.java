package org.cdhub.catalog.subscription;

import java.sql.SQLException;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.TestPostgres;

/** Subscriptions in the cluster profile's PostgreSQL, a fresh schema per test. */
class JdbcSubscriptionRepositoryOnPostgresTest extends JdbcSubscriptionRepositoryContract {
  private TestPostgres.FreshSchema schema;

  @Override
  CatalogDatabase openEmptyCatalog() throws SQLException {
    TestPostgres.assumeReachable();
    schema = TestPostgres.freshSchema();
    return CatalogDatabase.open(schema.config());
  }

  @Override
  void dropCatalog() throws SQLException {
    schema.close();
  }
}
