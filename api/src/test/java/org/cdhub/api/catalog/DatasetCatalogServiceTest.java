package org.cdhub.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.search.SearchHit;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search through the service over a real catalog database: what is published is found, including what is published later. */
class DatasetCatalogServiceTest {
  static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void searchFindsPublishedEntriesAndSeesEntriesPublishedAfterTheFirstSearch(@TempDir Path dir) {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dir))) {
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 10, 1L, NOW, NOW));
      DatasetCatalogService service = new DatasetCatalogService(catalog.datasets(), catalog.qualityScores());

      assertThat(service.search("社区事件", 10)).noneMatch(h -> h.dataset().qualifiedName().equals("gold.event"));
      assertThat(service.search("人口", 10)).extracting(h -> h.dataset().qualifiedName()).containsExactly("gold.person");

      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_EVENT, 3, 2L, NOW, NOW));
      assertThat(service.search("社区事件", 10)).extracting(SearchHit::dataset).first()
          .satisfies(d -> assertThat(d.qualifiedName()).isEqualTo("gold.event"));
    }
  }
}
