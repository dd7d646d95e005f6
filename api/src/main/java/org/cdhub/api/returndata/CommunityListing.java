package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One of a community's lists as the pager reads it: a gold table at a pinned snapshot, per
 * community, in master-id order.
 *
 * @param name the list's name in its cursors (a cursor of one list is refused by the others)
 * @param dataset {@code namespace.table}, as the audit log records it
 * @param currentSnapshot the snapshot new walks start at (see {@link ProjectedTable#currentSnapshotId()})
 * @param rows the rows of a community at a pinned snapshot
 * @param masterId a row's master id
 * @param gridCode a row's grid code, null when unknown: a grid-bound client sees only rows of its grids
 * @param <T> the table's row type
 */
record CommunityListing<T>(String name, String dataset, Supplier<OptionalLong> currentSnapshot, PinnedRows<T> rows,
    Function<T, String> masterId, Function<T, String> gridCode) {
  CommunityListing {
    requireNonNull(name, "name is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(currentSnapshot, "currentSnapshot is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(masterId, "masterId is null");
    requireNonNull(gridCode, "gridCode is null");
  }

  /** Rows of a community at a pinned snapshot. */
  @FunctionalInterface
  interface PinnedRows<T> {
    /**
     * Up to {@code limit} rows of the community at the snapshot that pass {@code filter} (null: all),
     * after {@code afterMasterId} (null: from the first), in master-id order.
     *
     * @throws SnapshotExpiredException if the snapshot is no longer served
     */
    List<T> after(String communityCode, long snapshotId, String afterMasterId, int limit, Predicate<? super T> filter);
  }

  /** A list served from a projected table; {@code rows} picks the per-community rows out of its projection. */
  static <P extends ServedSnapshot, T> CommunityListing<T> of(String name, ProjectedTable<P> table,
      Function<P, CommunityProjection<T>> rows, Function<T, String> masterId, Function<T, String> gridCode) {
    requireNonNull(table, "table is null");
    requireNonNull(rows, "rows is null");
    return new CommunityListing<>(name, table.dataset(), table::currentSnapshotId,
        (community, snapshotId, after, limit, filter) -> rows.apply(table.at(snapshotId)).after(community, after, limit, filter),
        masterId, gridCode);
  }
}
