package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One of a community's lists as the pager reads it: a gold table at a pinned snapshot, per
 * community, in master-id order.
 *
 * @param <T> the table's row type
 */
interface CommunityListing<T> {
  /** The list's name in its cursors (a cursor of one list is refused by the others). */
  String name();

  /** {@code namespace.table}, as the audit log records it. */
  String dataset();

  /** @see ProjectedTable#currentSnapshotId() */
  OptionalLong currentSnapshotId();

  /**
   * Up to {@code limit} rows of the community at the snapshot that pass {@code filter} (null: all),
   * after {@code afterMasterId} (null: from the first).
   *
   * @throws SnapshotExpiredException if the snapshot is no longer served
   */
  List<T> after(String communityCode, long snapshotId, String afterMasterId, int limit, Predicate<? super T> filter);

  String masterId(T row);

  /** A list served from a projected table; {@code rows} picks the per-community rows out of its projection. */
  static <P extends ServedSnapshot, T> CommunityListing<T> of(String name, ProjectedTable<P> table,
      Function<P, CommunityProjection<T>> rows, Function<T, String> masterId) {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(masterId, "masterId is null");
    return new CommunityListing<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String dataset() {
        return table.dataset();
      }

      @Override
      public OptionalLong currentSnapshotId() {
        return table.currentSnapshotId();
      }

      @Override
      public List<T> after(String communityCode, long snapshotId, String afterMasterId, int limit,
          Predicate<? super T> filter) {
        return rows.apply(table.at(snapshotId)).after(communityCode, afterMasterId, limit, filter);
      }

      @Override
      public String masterId(T row) {
        return masterId.apply(row);
      }
    };
  }
}
