package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving projection over a real gold.person Iceberg table, checked against direct table scans. */
class ProjectedGoldPersonRepositoryTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final Duration GRACE = Duration.ofMinutes(10);

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  IcebergGoldPersonRepository table;
  ProjectedGoldPersonRepository projected;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    table = new IcebergGoldPersonRepository(lakehouse.catalog());
    projected = new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouse.catalog()), clock, GRACE);
  }

  @AfterEach
  void tearDown() {
    lakehouse.close();
  }

  @Test
  void servesWhatADirectTableScanReturnsPageByPage() {
    lakehouse.append(CommunityProjectionTest.all(TestPersons.of(NORTH, 1, 23, 5), TestPersons.of(SOUTH, 1, 9, 6)));
    long snapshot = lakehouse.append(TestPersons.of(NORTH, 24, 11, 7)); // a second data file in the partition

    assertThat(projected.currentSnapshotId()).hasValue(snapshot);
    for (String community : List.of(NORTH, SOUTH, "640106009999")) {
      List<MasterPerson> walkedProjection = walk(projected, community, snapshot, 4);
      List<MasterPerson> walkedTable = walk(table, community, snapshot, 4);
      assertThat(walkedProjection).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(walkedTable);
    }
    assertThat(walk(projected, NORTH, snapshot, 4)).hasSize(34);
  }

  @Test
  void showsANewSnapshotOnlyAfterARefresh() {
    long first = lakehouse.append(TestPersons.of(NORTH, 1, 5, 8));
    assertThat(projected.currentSnapshotId()).hasValue(first);

    long second = lakehouse.append(TestPersons.of(NORTH, 6, 3, 9));
    assertThat(projected.currentSnapshotId()).as("not refreshed yet").hasValue(first);
    assertThat(projected.refresh()).isTrue();

    assertThat(projected.currentSnapshotId()).hasValue(second);
    assertThat(projected.findByCommunityAfter(NORTH, second, null, 100)).hasSize(8);
    assertThat(projected.refresh()).as("nothing new").isFalse();
  }

  @Test
  void keepsCursorsOfTheReplacedSnapshotForTheGracePeriodOnly() {
    long first = lakehouse.append(TestPersons.of(NORTH, 1, 6, 10));
    List<MasterPerson> firstPage = projected.findByCommunityAfter(NORTH, first, null, 3);
    long second = lakehouse.append(TestPersons.of(NORTH, 7, 6, 11));
    projected.refresh();

    clock.advance(GRACE.minusSeconds(1));
    List<MasterPerson> rest = projected.findByCommunityAfter(NORTH, first, firstPage.get(2).masterId(), 100);
    assertThat(rest).as("the walk ends on the table state it started on")
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(table.findByCommunityAfter(NORTH, first, firstPage.get(2).masterId(), 100));
    assertThat(rest).hasSize(3);

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> projected.findByCommunityAfter(NORTH, first, firstPage.get(2).masterId(), 100))
        .isInstanceOf(SnapshotExpiredException.class)
        .hasMessage("Cannot read gold.person at snapshot " + first + ": the table no longer keeps it");
    assertThat(projected.findByCommunityAfter(NORTH, second, null, 100)).hasSize(12);
  }

  @Test
  void expiresTheOlderSnapshotWhenASecondOneLandsWithinTheGracePeriod() {
    long first = lakehouse.append(TestPersons.of(NORTH, 1, 2, 12));
    projected.currentSnapshotId();
    long second = lakehouse.append(TestPersons.of(NORTH, 3, 2, 13));
    projected.refresh();
    long third = lakehouse.append(TestPersons.of(NORTH, 5, 2, 14));
    projected.refresh();

    assertThatThrownBy(() -> projected.findByCommunityAfter(NORTH, first, null, 10)).isInstanceOf(SnapshotExpiredException.class);
    assertThat(projected.findByCommunityAfter(NORTH, second, null, 10)).hasSize(4);
    assertThat(projected.findByCommunityAfter(NORTH, third, null, 10)).hasSize(6);
  }

  @Test
  void answersAnExpiredCursorWithCursorExpiredThroughTheService() {
    long first = lakehouse.append(TestPersons.of(NORTH, 1, 6, 15));
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      ApiClient client = new ApiClient("north-platform", "community-governance", Set.of(NORTH));
      CommunityPersonService service = new CommunityPersonService(projected, new PersonMasking(clock),
          ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), clock), clock));
      CommunityPage<MaskedPerson> page = service.list(client, org.cdhub.api.audit.AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "limit=2"), NORTH, null, 2);
      assertThat(page.snapshotId()).isEqualTo(first);
      lakehouse.append(TestPersons.of(NORTH, 7, 1, 16));
      projected.refresh();
      clock.advance(GRACE);

      assertThatThrownBy(() -> service.list(client, org.cdhub.api.audit.AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "limit=2"), NORTH, page.nextCursor(), 2))
          .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.EXPIRED))
          .hasMessageContaining("snapshot " + first + " of gold.person is no longer kept; start again without a cursor");
    }
  }

  @Test
  void everyConcurrentReadSeesExactlyOneSnapshotsRowsWhileProjectionsAreSwapped() throws Exception {
    Map<Long, List<String>> expected = new ConcurrentHashMap<>();
    List<MasterPerson> stored = new ArrayList<>(TestPersons.of(NORTH, 1, 40, 17));
    long first = lakehouse.append(stored);
    expected.put(first, sortedIds(stored));
    projected.currentSnapshotId();

    AtomicBoolean swapping = new AtomicBoolean(true);
    List<String> failures = new CopyOnWriteArrayList<>();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    List<Future<Integer>> reads = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      reads.add(readers.submit(() -> {
        int n = 0;
        while (swapping.get() || n == 0) {
          long snapshot = projected.currentSnapshotId().orElseThrow();
          // a swap may land between these two calls: the previous projection still answers
          List<String> page = projected.findByCommunityAfter(NORTH, snapshot, null, 500).stream().map(MasterPerson::masterId).toList();
          if (!page.equals(expected.get(snapshot))) {
            failures.add("snapshot " + snapshot + " served " + page.size() + " rows, expected " + expected.get(snapshot));
          }
          n++;
        }
        return n;
      }));
    }
    for (int round = 0; round < 8; round++) {
      // new persons sort among the old ones, so a page mixing two snapshots would show
      List<MasterPerson> added = TestPersons.of(NORTH, 1000 + round * 10, 10, 100 + round);
      stored.addAll(added);
      long snapshot = lakehouse.append(added);
      expected.put(snapshot, sortedIds(stored));
      assertThat(projected.refresh()).isTrue();
    }
    swapping.set(false);
    int total = 0;
    for (Future<Integer> read : reads) {
      total += read.get(30, TimeUnit.SECONDS);
    }
    readers.shutdown();

    assertThat(failures).isEmpty();
    assertThat(total).isGreaterThanOrEqualTo(4);
    assertThat(projected.findByCommunityAfter(NORTH, projected.currentSnapshotId().orElseThrow(), null, 500)).hasSize(120);
  }

  @Test
  void answersEmptyWhileTheTableHasNoSnapshot() {
    assertThat(projected.currentSnapshotId()).isEmpty();

    long first = lakehouse.append(TestPersons.of(SOUTH, 1, 3, 18));
    projected.refresh();

    assertThat(projected.currentSnapshotId()).hasValue(first);
  }

  @Test
  void reportsAMissingTableAsUnavailable(@TempDir Path emptyDataDir) {
    try (var catalog = GoldPersonFixture.open(emptyDataDir)) {
      ProjectedGoldPersonRepository empty =
          new ProjectedGoldPersonRepository(GoldTableReader.persons(catalog), clock, GRACE);

      assertThatThrownBy(empty::currentSnapshotId)
          .isInstanceOf(DatasetUnavailableException.class)
          .hasMessageContaining("gold.person does not exist yet");
    }
  }

  @Test
  void refusesANonPositiveCursorGrace() {
    assertThatThrownBy(() -> new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouse.catalog()), clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot serve gold.person: cursorGrace must be positive, was PT0S");
  }

  private static List<MasterPerson> walk(GoldPersonRepository repository, String community, long snapshot, int limit) {
    List<MasterPerson> out = new ArrayList<>();
    String after = null;
    while (true) {
      List<MasterPerson> page = repository.findByCommunityAfter(community, snapshot, after, limit);
      out.addAll(page);
      if (page.size() < limit) {
        return out;
      }
      after = page.get(page.size() - 1).masterId();
    }
  }

  private static List<String> sortedIds(List<MasterPerson> persons) {
    return persons.stream().map(MasterPerson::masterId).sorted().toList();
  }

  /** A clock the test moves forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
