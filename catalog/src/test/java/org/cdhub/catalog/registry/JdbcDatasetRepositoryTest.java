package org.cdhub.catalog.registry;

import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Datasets in the embedded profile's SQLite file. */
class JdbcDatasetRepositoryTest extends JdbcDatasetRepositoryContract {
  @TempDir Path dataDir;

  @Override
  CatalogDatabase openEmptyCatalog() {
    return CatalogDatabase.open(CatalogConfig.embedded(dataDir));
  }
}
