package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Reads whole snapshots of one gold table for its serving projection, through the plain Iceberg
 * Java API. The table is loaded once and then only refreshed: when no new snapshot has landed
 * that is one catalog query for the metadata location, no metadata file is read. Not thread-safe:
 * one refresher uses it.
 *
 * @param <P> the projection built from a snapshot
 */
public final class GoldTableReader<P extends ServedSnapshot> {
  private final Catalog catalog;
  private final LakehouseTable which;
  private final List<String> columns;
  private final Function<Record, ?> toRow;
  private final BiFunction<Long, List<Object>, P> project;
  private Table table;

  @SuppressWarnings("unchecked")
  private <T> GoldTableReader(Catalog catalog, LakehouseTable which, List<String> columns, Function<Record, T> toRow,
      BiFunction<Long, List<T>, P> project) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.which = requireNonNull(which, "which is null");
    this.columns = List.copyOf(columns);
    this.toRow = requireNonNull(toRow, "toRow is null");
    this.project = (BiFunction<Long, List<Object>, P>) (BiFunction<Long, ?, P>) requireNonNull(project, "project is null");
  }

  /** gold.person, per community. */
  public static GoldTableReader<CommunityProjection<MasterPerson>> persons(Catalog catalog) {
    return new GoldTableReader<>(catalog, LakehouseTable.GOLD_PERSON, IcebergGoldPersonRepository.COLUMNS,
        IcebergGoldPersonRepository::toPerson, (snapshot, rows) -> CommunityProjection.of(
            CommunityPersonService.DATASET, snapshot, rows, MasterPerson::communityCode, MasterPerson::masterId));
  }

  /** gold.place, per community and as a hierarchy. */
  public static GoldTableReader<PlaceProjection> places(Catalog catalog) {
    return new GoldTableReader<>(catalog, LakehouseTable.GOLD_PLACE, GoldRecords.PLACE_COLUMNS, GoldRecords::place,
        PlaceProjection::of);
  }

  /**
   * gold.organization, per community. The merge job leaves an organization's community code empty
   * when its source has none; such an organization is listed in the community of its place, as
   * {@code places} serves gold.place when the organizations' snapshot is projected.
   */
  public static GoldTableReader<CommunityProjection<MasterOrganization>> organizations(Catalog catalog,
      ProjectedTable<PlaceProjection> places) {
    requireNonNull(places, "places is null");
    LakehouseTable table = LakehouseTable.GOLD_ORGANIZATION;
    return new GoldTableReader<>(catalog, table, GoldRecords.ORGANIZATION_COLUMNS, GoldRecords::organization,
        (snapshot, rows) -> {
          PlaceProjection hierarchy = placesOrNull(places);
          return CommunityProjection.of(table.qualifiedName(), snapshot, rows,
              o -> o.communityCode() != null || hierarchy == null ? o.communityCode() : hierarchy.communityOf(o.placeId()),
              MasterOrganization::masterId);
        });
  }

  /** gold.place as served now; null while it is not published. */
  private static PlaceProjection placesOrNull(ProjectedTable<PlaceProjection> places) {
    try {
      return places.current().orElse(null);
    } catch (DatasetUnavailableException e) {
      return null; // no hierarchy yet: organizations without a community code wait for the next snapshot
    }
  }

  /** gold.event, per community. */
  public static GoldTableReader<CommunityProjection<MasterEvent>> events(Catalog catalog) {
    LakehouseTable table = LakehouseTable.GOLD_EVENT;
    return new GoldTableReader<>(catalog, table, GoldRecords.EVENT_COLUMNS, GoldRecords::event,
        (snapshot, rows) -> CommunityProjection.of(table.qualifiedName(), snapshot, rows,
            MasterEvent::communityCode, MasterEvent::masterId));
  }

  /** {@code namespace.table}, as the audit log and error messages name it. */
  public String dataset() {
    return which.qualifiedName();
  }

  /**
   * The table's current snapshot, after a refresh; empty while the table holds no data.
   *
   * @throws DatasetUnavailableException if the table does not exist (yet, or any more)
   */
  public OptionalLong currentSnapshotId() {
    try {
      if (table == null) {
        table = catalog.loadTable(which.identifier());
      } else {
        table.refresh();
      }
    } catch (NoSuchTableException e) {
      table = null; // dropped: load it afresh once it is back
      throw new DatasetUnavailableException(dataset(),
          "Table " + dataset() + " does not exist yet: run the merge job (./hub run merge) first");
    }
    Snapshot current = table.currentSnapshot();
    return current == null ? OptionalLong.empty() : OptionalLong.of(current.snapshotId());
  }

  /**
   * Every row of a snapshot, projected for serving.
   *
   * @throws IllegalStateException if {@link #currentSnapshotId()} has not loaded the table yet
   * @throws SnapshotExpiredException if the table no longer keeps the snapshot
   */
  public P project(long snapshotId) {
    if (table == null) {
      throw new IllegalStateException("Cannot project " + dataset() + " at snapshot " + snapshotId
          + ": ask for the current snapshot first, which loads the table");
    }
    if (table.snapshot(snapshotId) == null) {
      throw new SnapshotExpiredException(dataset(), snapshotId);
    }
    List<Object> rows = new ArrayList<>();
    try (var records = IcebergGenerics.read(table).useSnapshot(snapshotId).select(columns).build()) {
      for (Record record : records) {
        rows.add(toRow.apply(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dataset() + " at snapshot " + snapshotId, e);
    }
    return project.apply(snapshotId, rows);
  }
}
