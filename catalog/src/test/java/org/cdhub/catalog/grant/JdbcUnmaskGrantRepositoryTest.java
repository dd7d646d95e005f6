package org.cdhub.catalog.grant;

import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Unmask grants in the embedded profile's SQLite file. */
class JdbcUnmaskGrantRepositoryTest extends JdbcUnmaskGrantRepositoryContract {
  @TempDir Path dataDir;

  @Override
  CatalogDatabase openEmptyCatalog() {
    return CatalogDatabase.open(CatalogConfig.embedded(dataDir));
  }
}
