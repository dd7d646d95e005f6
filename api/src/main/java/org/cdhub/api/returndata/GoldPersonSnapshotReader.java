package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Reads whole snapshots of gold.person for the serving projection, through the plain Iceberg
 * Java API. The table is loaded once and then only refreshed: when no new snapshot has landed
 * that is one catalog query for the metadata location, no metadata file is read. Not thread-safe:
 * one refresher uses it.
 */
public final class GoldPersonSnapshotReader {
  private static final LakehouseTable TABLE = LakehouseTable.GOLD_PERSON;

  private final Catalog catalog;
  private Table table;

  public GoldPersonSnapshotReader(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /**
   * The table's current snapshot, after a refresh; empty while the table holds no data.
   *
   * @throws DatasetUnavailableException if the table does not exist (yet, or any more)
   */
  public OptionalLong currentSnapshotId() {
    try {
      if (table == null) {
        table = catalog.loadTable(TABLE.identifier());
      } else {
        table.refresh();
      }
    } catch (NoSuchTableException e) {
      table = null; // dropped: load it afresh once it is back
      throw new DatasetUnavailableException(TABLE.qualifiedName(),
          "Table " + TABLE.qualifiedName() + " does not exist yet: run the merge job (./hub run merge) first");
    }
    Snapshot current = table.currentSnapshot();
    return current == null ? OptionalLong.empty() : OptionalLong.of(current.snapshotId());
  }

  /**
   * Every person of a snapshot, projected for serving.
   *
   * @throws IllegalStateException if {@link #currentSnapshotId()} has not loaded the table yet
   * @throws SnapshotExpiredException if the table no longer keeps the snapshot
   */
  public PersonProjection project(long snapshotId) {
    if (table == null) {
      throw new IllegalStateException("Cannot project " + TABLE.qualifiedName() + " at snapshot " + snapshotId
          + ": ask for the current snapshot first, which loads the table");
    }
    if (table.snapshot(snapshotId) == null) {
      throw new SnapshotExpiredException(TABLE.qualifiedName(), snapshotId);
    }
    List<MasterPerson> persons = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(snapshotId).select(IcebergGoldPersonRepository.COLUMNS).build()) {
      for (Record row : rows) {
        persons.add(IcebergGoldPersonRepository.toPerson(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + TABLE.qualifiedName() + " at snapshot " + snapshotId, e);
    }
    return PersonProjection.of(snapshotId, persons);
  }
}
