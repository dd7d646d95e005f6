package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.LakehouseTable;

/** Registers the lakehouse tables that exist in the data catalog, with their current facts. */
public final class CatalogPublisher {
  private final CatalogDatabase catalog;
  private final LakehouseInspector lakehouse;
  private final Clock clock;

  public CatalogPublisher(CatalogDatabase catalog, LakehouseInspector lakehouse, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Publishes every bronze feed and every fixed table that exists; returns what was published. */
  public List<Dataset> publish(Collection<SourceContract> contracts) {
    List<Dataset> published = new ArrayList<>();
    for (SourceContract contract : contracts) {
      lakehouse.facts(LakehouseTable.bronze(contract.feed())).ifPresent(f -> published.add(
          DatasetDescriptions.forBronzeFeed(contract, f.rows(), f.snapshotId(), f.committedAt(), clock.instant())));
    }
    for (LakehouseTable table : LakehouseTable.values()) {
      lakehouse.facts(table.identifier()).ifPresent(f -> published.add(
          DatasetDescriptions.forTable(table, f.rows(), f.snapshotId(), f.committedAt(), clock.instant())));
    }
    published.forEach(catalog.datasets()::upsert);
    return published;
  }
}
