package org.cdhub.catalog.correction;

import java.nio.file.Path;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Community corrections in the embedded profile's SQLite file. */
class JdbcCommunityCorrectionRepositoryTest extends JdbcCommunityCorrectionRepositoryContract {
  @TempDir Path dataDir;

  @Override
  CatalogDatabase openEmptyCatalog() {
    return CatalogDatabase.open(CatalogConfig.embedded(dataDir));
  }
}
