package org.cdhub.catalog.subscription;

import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions in the embedded profile's SQLite file. */
class JdbcSubscriptionRepositoryTest extends JdbcSubscriptionRepositoryContract {
  @TempDir Path dataDir;

  @Override
  CatalogDatabase openEmptyCatalog() {
    return CatalogDatabase.open(CatalogConfig.embedded(dataDir));
  }
}
