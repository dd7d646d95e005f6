package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.QualityRun;

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
    return publish(contracts, List.of());
  }

  /**
   * Publishes as {@link #publish(Collection)} does, then records each published dataset's quality
   * score from the standardize runs ({@code runs}, ops.quality_run): a bronze feed's latest run, or
   * for an entity's silver and gold tables the latest run of every feed of that entity. A run that
   * read no batch only moved the watermark and does not count.
   */
  public List<Dataset> publish(Collection<SourceContract> contracts, List<QualityRun> runs) {
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
    Map<String, List<DatasetQuality.Run>> scored = scoredRuns(runs);
    for (Dataset d : published) {
      List<DatasetQuality.Run> behind = scored.get(d.qualifiedName());
      if (behind != null) {
        catalog.qualityScores().record(DatasetQuality.of(d.qualifiedName(), behind));
      }
    }
    return published;
  }

  /** The runs behind each dataset: bronze.<feed> its latest run, silver and gold of the entity the latest of each feed. */
  static Map<String, List<DatasetQuality.Run>> scoredRuns(List<QualityRun> runs) {
    Map<String, QualityRun> latest = new TreeMap<>();
    for (QualityRun r : runs) {
      if (!r.batchIds().isEmpty()) {
        latest.merge(r.feed(), r, (a, b) -> b.startedAt().isAfter(a.startedAt()) ? b : a);
      }
    }
    Map<String, List<DatasetQuality.Run>> out = new LinkedHashMap<>();
    latest.values().forEach(r -> {
      DatasetQuality.Run run = new DatasetQuality.Run(r.runId(), r.checksPassed(), r.checksFailed(), r.rowsIn(), r.quarantinedRows(),
          r.startedAt());
      out.computeIfAbsent(LakehouseTable.bronze(r.feed()).toString(), k -> new ArrayList<>()).add(run);
      Arrays.stream(EntityType.values()).filter(e -> e.name().equals(r.entity())).findFirst().ifPresent(e -> {
        out.computeIfAbsent(LakehouseTable.silver(e).qualifiedName(), k -> new ArrayList<>()).add(run);
        out.computeIfAbsent(LakehouseTable.gold(e).qualifiedName(), k -> new ArrayList<>()).add(run);
      });
    });
    return out;
  }
}
