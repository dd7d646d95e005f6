package org.cdhub.catalog.atlas;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseTable;

/** The hub's real catalog entries and lineage, built from the repository's source contracts. */
final class HubCatalog {
  static final Collection<SourceContract> CONTRACTS =
      SourceContracts.loadDirectory(Path.of("../../schemas/contracts").toAbsolutePath().normalize()).values();
  static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

  private HubCatalog() {}

  /** Every bronze feed and every fixed table, as ./hub publish registers them. */
  static List<Dataset> datasets() {
    List<Dataset> out = new ArrayList<>();
    long rows = 100;
    for (SourceContract c : CONTRACTS) {
      out.add(DatasetDescriptions.forBronzeFeed(c, rows++, 7L, AT, AT));
    }
    for (LakehouseTable t : LakehouseTable.values()) {
      out.add(DatasetDescriptions.forTable(t, rows++, 8L, AT, AT));
    }
    return out;
  }

  static DatasetLineage lineage() {
    return DatasetLineage.of(CONTRACTS, feed -> true, Map.of("gold.person", Set.of("north-platform")));
  }

  static List<AtlasBatch> batches() {
    return AtlasEntities.of(datasets(), lineage(), "cdhub");
  }
}
