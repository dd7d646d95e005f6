package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * gold.person through the plain Iceberg Java API (no Spark in the API). A page scans the
 * community's partition at the pinned snapshot, with the master-id bound pushed down to skip
 * files, and keeps only the {@code limit} smallest master ids in memory.
 */
public final class IcebergGoldPersonRepository implements GoldPersonRepository, GoldPersonHistory {
  private static final LakehouseTable TABLE = LakehouseTable.GOLD_PERSON;
  /** Columns a roster needs; provenance and the pinyin key stay in the lakehouse. */
  public static final List<String> COLUMNS = List.of(
      "master_id", "id_number", "name", "sex", "birth_date", "phone", "address", "house_id",
      "district_code", "community_code", "grid_code", "tags", "status", "source_count", "updated_at");
  private static final Comparator<Record> BY_MASTER_ID = Comparator.comparing(r -> (String) r.getField("master_id"));

  private final Catalog catalog;
  private final TableIdentifier identifier;

  public IcebergGoldPersonRepository(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.identifier = TABLE.identifier();
  }

  @Override
  public OptionalLong currentSnapshotId() {
    Snapshot current = table().currentSnapshot();
    return current == null ? OptionalLong.empty() : OptionalLong.of(current.snapshotId());
  }

  @Override
  public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit) {
    return findByCommunityAfter(communityCode, snapshotId, afterMasterId, limit, null);
  }

  @Override
  public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit,
      Predicate<? super MasterPerson> filter) {
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1) {
      throw new IllegalArgumentException("Cannot list " + TABLE.qualifiedName() + ": limit must be positive, was " + limit);
    }
    // a max-heap of the smallest master ids seen so far: memory stays O(limit) however large the community
    PriorityQueue<Record> smallest = new PriorityQueue<>(limit + 1, BY_MASTER_ID.reversed());
    scan(communityCode, snapshotId, afterMasterId, row -> {
      if (filter != null && !filter.test(toPerson(row))) {
        return;
      }
      smallest.add(row);
      if (smallest.size() > limit) {
        smallest.poll();
      }
    });
    List<Record> page = new ArrayList<>(smallest);
    page.sort(BY_MASTER_ID);
    return page.stream().map(IcebergGoldPersonRepository::toPerson).toList();
  }

  @Override
  public List<MasterPerson> findAllByCommunity(String communityCode, long snapshotId) {
    requireNonNull(communityCode, "communityCode is null");
    List<MasterPerson> all = new ArrayList<>();
    scan(communityCode, snapshotId, null, row -> all.add(toPerson(row)));
    all.sort(Comparator.comparing(MasterPerson::masterId));
    return all;
  }

  /** Feeds {@code sink} the community's rows at the snapshot, after {@code afterMasterId} if given, in file order. */
  private void scan(String communityCode, long snapshotId, String afterMasterId, Consumer<Record> sink) {
    Table table = table();
    if (table.snapshot(snapshotId) == null) {
      throw new SnapshotExpiredException(TABLE.qualifiedName(), snapshotId);
    }
    Expression filter = Expressions.equal("community_code", communityCode);
    if (afterMasterId != null) {
      filter = Expressions.and(filter, Expressions.greaterThan("master_id", afterMasterId));
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(snapshotId).select(COLUMNS).where(filter).build()) {
      for (Record row : rows) {
        // the filter is applied by Iceberg already; checked again because a wrong row here would leak another community
        String masterId = (String) row.getField("master_id");
        if (!communityCode.equals(row.getField("community_code"))
            || (afterMasterId != null && masterId.compareTo(afterMasterId) <= 0)) {
          continue;
        }
        sink.accept(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + TABLE.qualifiedName() + " for community " + communityCode
          + " at snapshot " + snapshotId, e);
    }
  }

  private Table table() {
    try {
      return catalog.loadTable(identifier);
    } catch (NoSuchTableException e) {
      throw new DatasetUnavailableException(TABLE.qualifiedName(),
          "Table " + TABLE.qualifiedName() + " does not exist yet: run the merge job (./hub run merge) first");
    }
  }

  @SuppressWarnings("unchecked")
  static MasterPerson toPerson(Record row) {
    Object tags = row.getField("tags");
    Object sourceCount = row.getField("source_count");
    return new MasterPerson(
        (String) row.getField("master_id"),
        (String) row.getField("id_number"),
        null, // not served: the API contract has no field for other identity numbers yet
        (String) row.getField("name"),
        null,
        sex((String) row.getField("sex")),
        (LocalDate) row.getField("birth_date"),
        (String) row.getField("phone"),
        (String) row.getField("address"),
        (String) row.getField("house_id"),
        (String) row.getField("district_code"),
        (String) row.getField("community_code"),
        (String) row.getField("grid_code"),
        tags == null ? List.of() : List.copyOf((List<String>) tags),
        PersonStatus.ofStored((String) row.getField("status")),
        Map.of(),
        sourceCount == null ? 0 : (Integer) sourceCount,
        GoldRecords.instant(row, "updated_at"));
  }

  private static Sex sex(String stored) {
    // the enum name as the merge job writes it; source codes (1/2, 男/女) are read too
    return Sex.fromCode(stored);
  }

}
