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
 * @param grid a row's grid, null when unknown: a grid-bound client sees only rows of its grids
 * @param <T> the table's row type
 */
record CommunityListing<T>(String name, String dataset, Supplier<OptionalLong> currentSnapshot, PinnedRows<T> rows,
    Function<T, String> masterId, RowGrid<T> grid) {
  CommunityListing {
    requireNonNull(name, "name is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(currentSnapshot, "currentSnapshot is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(masterId, "masterId is null");
    requireNonNull(grid, "grid is null");
  }

  /** Where a row's grid comes from: a grid code of its own, or the place it is at (gold.place's hierarchy). */
  interface RowGrid<T> {
    /** The row's grid; {@code places} is null unless {@link #needsPlaces()}. */
    String of(T row, PlaceProjection places);

    boolean needsPlaces();

    /** The row carries its grid code. */
    static <T> RowGrid<T> own(Function<T, String> gridCode) {
      requireNonNull(gridCode, "gridCode is null");
      return new RowGrid<>() {
        @Override
        public String of(T row, PlaceProjection places) {
          return gridCode.apply(row);
        }

        @Override
        public boolean needsPlaces() {
          return false;
        }
      };
    }

    /** The row is in the grid of its place, or of the nearest enclosing place that has one. */
    static <T> RowGrid<T> ofPlace(Function<T, String> placeId) {
      requireNonNull(placeId, "placeId is null");
      return new RowGrid<>() {
        @Override
        public String of(T row, PlaceProjection places) {
          return places.gridOf(placeId.apply(row));
        }

        @Override
        public boolean needsPlaces() {
          return true;
        }
      };
    }
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
      Function<P, CommunityProjection<T>> rows, Function<T, String> masterId, RowGrid<T> grid) {
    requireNonNull(table, "table is null");
    requireNonNull(rows, "rows is null");
    return new CommunityListing<>(name, table.dataset(), table::currentSnapshotId,
        (community, snapshotId, after, limit, filter) -> rows.apply(table.at(snapshotId)).after(community, after, limit, filter),
        masterId, grid);
  }
}
