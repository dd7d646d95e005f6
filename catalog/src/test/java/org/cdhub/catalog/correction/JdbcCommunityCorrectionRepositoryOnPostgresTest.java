package org.cdhub.catalog.correction;

import java.sql.SQLException;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.TestPostgres;

/** Community corrections in the cluster profile's PostgreSQL, a fresh schema per test. */
class JdbcCommunityCorrectionRepositoryOnPostgresTest extends JdbcCommunityCorrectionRepositoryContract {
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
