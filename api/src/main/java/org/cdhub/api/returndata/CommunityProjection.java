package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gold table as of one lakehouse snapshot, held in memory the way lists are served: per
 * community, ordered by master id. Immutable once built, so any number of requests read it
 * without locks while the next snapshot's projection is being built elsewhere.
 *
 * @param <T> the table's row type
 */
public final class CommunityProjection<T> implements ServedSnapshot {
  private static final Object[] NONE = new Object[0];

  private final String dataset;
  private final long snapshotId;
  private final Function<T, String> masterId;
  /** Each array holds T, sorted by master id. */
  private final Map<String, Object[]> byCommunity;
  private final int size;

  private CommunityProjection(String dataset, long snapshotId, Function<T, String> masterId,
      Map<String, Object[]> byCommunity, int size) {
    this.dataset = dataset;
    this.snapshotId = snapshotId;
    this.masterId = masterId;
    this.byCommunity = byCommunity;
    this.size = size;
  }

  /**
   * The projection of {@code rows}, all read from snapshot {@code snapshotId} of {@code dataset}.
   * Rows without a community code are left out: no list could ever show them.
   *
   * @throws IllegalArgumentException if a master id occurs twice in one community (pages would repeat it)
   */
  public static <T> CommunityProjection<T> of(String dataset, long snapshotId, Collection<T> rows,
      Function<T, String> communityCode, Function<T, String> masterId) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(masterId, "masterId is null");
    Map<String, List<T>> grouped = new HashMap<>();
    for (T row : rows) {
      requireNonNull(row, "row is null");
      String community = communityCode.apply(row);
      if (community != null) {
        grouped.computeIfAbsent(community, c -> new ArrayList<>()).add(row);
      }
    }
    Comparator<Object> byMasterId = Comparator.comparing(r -> masterId.apply(cast(r)));
    Map<String, Object[]> byCommunity = new HashMap<>(grouped.size() * 2);
    int size = 0;
    for (Map.Entry<String, List<T>> community : grouped.entrySet()) {
      Object[] sorted = community.getValue().toArray();
      Arrays.sort(sorted, byMasterId);
      for (int i = 1; i < sorted.length; i++) {
        String id = masterId.apply(cast(sorted[i]));
        if (id.equals(masterId.apply(cast(sorted[i - 1])))) {
          throw new IllegalArgumentException("Cannot project " + dataset + " at snapshot " + snapshotId
              + ": master id " + id + " occurs twice in community " + community.getKey());
        }
      }
      byCommunity.put(community.getKey(), sorted);
      size += sorted.length;
    }
    return new CommunityProjection<>(dataset, snapshotId, masterId, Map.copyOf(byCommunity), size);
  }

  @Override
  public long snapshotId() {
    return snapshotId;
  }

  /** Rows held, over all communities. */
  @Override
  public int size() {
    return size;
  }

  /** Rows of one community. */
  public int size(String communityCode) {
    return byCommunity.getOrDefault(requireNonNull(communityCode, "communityCode is null"), NONE).length;
  }

  /**
   * Up to {@code limit} rows of one community after {@code afterMasterId} (null: from the
   * first), in master-id order: a binary search and a copy of the page, whatever the community's size.
   */
  public List<T> after(String communityCode, String afterMasterId, int limit) {
    return after(communityCode, afterMasterId, limit, null);
  }

  /**
   * As {@link #after(String, String, int)}, keeping only rows that pass {@code filter} (null: all).
   * A filter that few rows pass walks the community from the start position until the page is full.
   */
  public List<T> after(String communityCode, String afterMasterId, int limit, Predicate<? super T> filter) {
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1) {
      throw new IllegalArgumentException("Cannot list " + dataset + ": limit must be positive, was " + limit);
    }
    Object[] sorted = byCommunity.getOrDefault(communityCode, NONE);
    int from = afterMasterId == null ? 0 : firstAfter(sorted, afterMasterId);
    if (filter == null) {
      int to = (int) Math.min(sorted.length, (long) from + limit);
      return from >= to ? List.of() : copy(sorted, from, to);
    }
    List<T> page = new ArrayList<>(Math.min(limit, 64));
    for (int i = from; i < sorted.length && page.size() < limit; i++) {
      T row = cast(sorted[i]);
      if (filter.test(row)) {
        page.add(row);
      }
    }
    return List.copyOf(page);
  }

  /** Every row of every community, in no particular order. */
  public List<T> all() {
    List<T> out = new ArrayList<>(size);
    for (Object[] rows : byCommunity.values()) {
      for (Object row : rows) {
        out.add(cast(row));
      }
    }
    return out;
  }

  /** Index of the first row whose master id is greater than {@code id}. */
  private int firstAfter(Object[] sorted, String id) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (masterId.apply(cast(sorted[mid])).compareTo(id) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> copy(Object[] sorted, int from, int to) {
    return (List<T>) List.of(Arrays.copyOfRange(sorted, from, to));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object row) {
    return (T) row;
  }

  @Override
  public String toString() {
    return "CommunityProjection[" + dataset + ", snapshotId=" + snapshotId + ", communities=" + byCommunity.size()
        + ", rows=" + size + "]";
  }
}
