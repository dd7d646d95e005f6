package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed over a real gold.person table changed commit by commit as the merge job
 * does it (merge-on-read: updates and deletes leave equality-delete files), a real
 * gold.master_alias, the real audit log (SQLite) and the kernel's masking.
 */
class ChangeFeedTest {
  static final org.cdhub.api.audit.AuditedQuery QUERY =
      org.cdhub.api.audit.AuditedQuery.of("GET", "/api/v1/communities/640106001001/changes", "limit=100");
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC);
  static final Instant LATER = Instant.parse("2026-12-05T08:00:00Z");

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  ChangeFeed feed;
  Map<String, MasterPerson> stored;
  final ApiClient northPlatform = new ApiClient("north-platform", "community-governance", Set.of(NORTH));
  final ApiClient both = new ApiClient("both", "community-governance", Set.of(NORTH, SOUTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    List<MasterPerson> rows = new ArrayList<>(TestPersons.of(NORTH, 1, 8, 21));
    rows.addAll(TestPersons.of(SOUTH, 1, 3, 22));
    lakehouse.append(rows);
    stored = rows.stream().collect(Collectors.toMap(MasterPerson::masterId, Function.identity()));
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    feed = newFeed();
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void startsAtTheCurrentSnapshotWithNoChanges() {
    ChangeFeedPage start = feed.read(northPlatform, QUERY, NORTH, null, 10);

    assertThat(start.changes()).isEmpty();
    assertThat(start.hasMore()).isFalse();
    assertThat(start.fromSnapshotId()).isEqualTo(currentSnapshot());
    assertThat(start.toSnapshotId()).isNull();
    assertThat(ChangeCursor.decode(start.nextCursor())).isEqualTo(ChangeCursor.at(NORTH, currentSnapshot()));
  }

  @Test
  void listsInsertUpdateDeleteMergeAndMovesAcrossSuccessiveSnapshotsInMasterIdOrder() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    MasterPerson newcomer = TestPersons.of(NORTH, 9, 1, 23).get(0);
    changeAll();
    long last = currentSnapshot();
    // as after the merge job's MERGE INTO: the changes live in delete files, not rewritten data files
    assertThat(Long.parseLong(lakehouse.table().currentSnapshot().summary().get("total-delete-files"))).isPositive();

    ChangeFeedPage page = feed.read(northPlatform, QUERY, NORTH, since, 100);

    assertThat(page.changes()).extracting(MaskedChange::type, MaskedChange::masterId, MaskedChange::survivorId)
        .containsExactly(
            tuple(ChangeType.UPDATE, north(2), null),
            tuple(ChangeType.DELETE, north(3), null),
            tuple(ChangeType.UPDATE, north(4), null),
            tuple(ChangeType.MERGE, north(5), north(4)),
            tuple(ChangeType.DELETE, north(6), null),
            tuple(ChangeType.DELETE, north(7), null),
            tuple(ChangeType.INSERT, newcomer.masterId(), null));
    assertThat(page.changes()).extracting(MaskedChange::snapshotId).containsOnly(last);
    assertThat(page.fromSnapshotId()).isEqualTo(ChangeCursor.decode(since).fromSnapshotId());
    assertThat(page.toSnapshotId()).isEqualTo(last);
    assertThat(page.hasMore()).isFalse();
    assertThat(ChangeCursor.decode(page.nextCursor())).isEqualTo(ChangeCursor.at(NORTH, last));
    MaskedChange updated = page.changes().get(0);
    assertThat(updated.person().phone()).isEqualTo(Masking.phone("13900001111"));
    assertThat(updated.person().tags()).containsExactly("VETERAN");
    MaskedChange inserted = page.changes().get(6);
    assertThat(inserted.person().idNumber()).isEqualTo(Masking.idNumber(newcomer.idNumber()));
    assertThat(page.changes()).filteredOn(c -> c.type() == ChangeType.DELETE || c.type() == ChangeType.MERGE)
        .extracting(MaskedChange::person).containsOnlyNulls();
  }

  @Test
  void seesAPersonMovingInAsAnInsertAndASurvivorOutsideTheCommunityAsAnUpdate() {
    String since = feed.read(both, QUERY, SOUTH, null, 10).nextCursor();
    changeAll();

    ChangeFeedPage page = feed.read(both, QUERY, SOUTH, since, 100);

    assertThat(page.changes()).extracting(MaskedChange::type, MaskedChange::masterId).containsExactly(
        tuple(ChangeType.INSERT, north(6)),
        tuple(ChangeType.UPDATE, south(1)));
    assertThat(page.changes().get(0).person().communityCode()).isEqualTo(SOUTH);
  }

  @Test
  void pagesResumeExactlyAndStayOnTheirSnapshotWhileANewOneLands() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    changeAll();
    List<MaskedChange> whole = newFeed().read(northPlatform, QUERY, NORTH, since, 100).changes();

    List<MaskedChange> paged = new ArrayList<>();
    ChangeFeedPage page = feed.read(northPlatform, QUERY, NORTH, since, 2);
    paged.addAll(page.changes());
    MasterPerson late = TestPersons.of(NORTH, 50, 1, 24).get(0);
    long lateSnapshot = lakehouse.append(List.of(late));
    int pages = 1;
    while (ChangeCursor.decode(page.nextCursor()).toSnapshotId() != null) {
      assertThat(page.hasMore()).isTrue();
      page = feed.read(northPlatform, QUERY, NORTH, page.nextCursor(), 2);
      paged.addAll(page.changes());
      pages++;
    }

    assertThat(pages).isEqualTo(4);
    assertThat(paged).containsExactlyElementsOf(whole);
    // the catch-up ended on its own snapshot; the late one is pending
    assertThat(page.hasMore()).isTrue();
    ChangeFeedPage next = feed.read(northPlatform, QUERY, NORTH, page.nextCursor(), 2);
    assertThat(next.changes()).extracting(MaskedChange::type, MaskedChange::masterId)
        .containsExactly(tuple(ChangeType.INSERT, late.masterId()));
    assertThat(next.hasMore()).isFalse();
    assertThat(ChangeCursor.decode(next.nextCursor())).isEqualTo(ChangeCursor.at(NORTH, lateSnapshot));
  }

  @Test
  void givesNoChangesAndTheSameCursorWithoutANewSnapshot() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();

    ChangeFeedPage page = feed.read(northPlatform, QUERY, NORTH, since, 10);

    assertThat(page.changes()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.nextCursor()).isEqualTo(since);
  }

  @Test
  void givesNoChangesButMovesOnWhenOnlyAnotherCommunityChanged() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    long southOnly = lakehouse.append(TestPersons.of(SOUTH, 10, 2, 25));

    ChangeFeedPage page = feed.read(northPlatform, QUERY, NORTH, since, 10);

    assertThat(page.changes()).isEmpty();
    assertThat(page.hasMore()).isFalse();
    assertThat(ChangeCursor.decode(page.nextCursor())).isEqualTo(ChangeCursor.at(NORTH, southOnly));
    assertThat(feed.read(northPlatform, QUERY, NORTH, page.nextCursor(), 10).nextCursor()).isEqualTo(page.nextCursor());
  }

  @Test
  void startsBeforeTheFirstSnapshotOnAnEmptyTableAndThenInsertsEveryone(@TempDir Path otherDir) {
    try (GoldPersonFixture empty = GoldPersonFixture.create(otherDir)) {
      ChangeFeed onEmpty = new ChangeFeed(new IcebergGoldPersonRepository(empty.catalog()),
          new IcebergMasterAliasRepository(empty.catalog()), new PersonMasking(CLOCK),
          new PersonalDataAudit(catalog.auditLog(), CLOCK));
      ChangeFeedPage start = onEmpty.read(northPlatform, QUERY, NORTH, null, 10);
      assertThat(start.fromSnapshotId()).isNull();
      List<MasterPerson> persons = TestPersons.of(NORTH, 1, 3, 26);
      empty.append(persons);

      ChangeFeedPage page = onEmpty.read(northPlatform, QUERY, NORTH, start.nextCursor(), 10);

      assertThat(page.changes()).extracting(MaskedChange::type).containsOnly(ChangeType.INSERT);
      assertThat(page.changes()).extracting(MaskedChange::masterId)
          .containsExactlyElementsOf(persons.stream().map(MasterPerson::masterId).sorted().toList());
    }
  }

  @Test
  void neverSendsARawPersonalValue() throws Exception {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    changeAll();

    ChangeFeedPage page = feed.read(northPlatform, QUERY, NORTH, since, 100);

    String json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(page);
    List<MasterPerson> current = new IcebergGoldPersonRepository(lakehouse.catalog())
        .findAllByCommunity(NORTH, currentSnapshot());
    assertThat(current).isNotEmpty();
    for (MasterPerson person : current) {
      assertThat(json).doesNotContain(person.idNumber(), person.phone(), person.address(), person.birthDate().toString());
    }
    assertThat(json).doesNotContain("13900001111");
  }

  @Test
  void auditsEveryAnswerWithItsChangeCount() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    changeAll();
    feed.read(northPlatform, QUERY, NORTH, since, 5);

    List<AccessEvent> events = new ArrayList<>(catalog.auditLog().recent(10));
    java.util.Collections.reverse(events);
    assertThat(events).extracting(AccessEvent::recordCount).containsExactly(0, 5);
    assertThat(events).allSatisfy(event -> {
      assertThat(event.clientId()).isEqualTo("north-platform");
      assertThat(event.dataset()).isEqualTo("gold.person");
      assertThat(event.action()).isEqualTo(PersonalDataAudit.CHANGES);
      assertThat(event.scope()).isEqualTo("community:" + NORTH);
      assertThat(event.unmasked()).isFalse();
      assertThat(event.outcome()).isEqualTo("OK");
    });
  }

  @Test
  void refusesAndAuditsACommunityOutsideTheJurisdiction() {
    assertThatThrownBy(() -> feed.read(northPlatform, QUERY, SOUTH, null, 10))
        .isInstanceOf(OutsideJurisdictionException.class)
        .hasMessageContaining(SOUTH).hasMessageContaining("north-platform");

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.action()).isEqualTo(PersonalDataAudit.CHANGES);
    assertThat(event.outcome()).isEqualTo("DENIED");
    assertThat(event.scope()).isEqualTo("community:" + SOUTH);
  }

  @Test
  void refusesACursorOfAnotherCommunityNamingFieldSince() {
    String southCursor = feed.read(both, QUERY, SOUTH, null, 10).nextCursor();

    assertThatThrownBy(() -> feed.read(both, QUERY, NORTH, southCursor, 10))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo("since");
          assertThat(e.rule()).isEqualTo(InvalidCursorException.OTHER_COMMUNITY);
        })
        .hasMessageContaining(SOUTH);
  }

  @Test
  void refusesARosterCursorOrForgedTextAsMalformed() {
    String roster = new PageCursor("persons", NORTH, currentSnapshot(), north(1)).encode();

    for (String token : List.of(roster, "bm9wZQ", "not base64!")) {
      assertThatThrownBy(() -> feed.read(northPlatform, QUERY, NORTH, token, 10))
          .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
            assertThat(e.field()).isEqualTo("since");
            assertThat(e.rule()).isEqualTo(InvalidCursorException.MALFORMED);
          })
          .hasMessageStartingWith("Cannot read change cursor");
    }
  }

  @Test
  void refusesACursorWhoseSnapshotExpired() {
    String since = feed.read(northPlatform, QUERY, NORTH, null, 10).nextCursor();
    long old = ChangeCursor.decode(since).fromSnapshotId();
    changeAll();
    lakehouse.table().expireSnapshots().expireSnapshotId(old).commit();

    assertThatThrownBy(() -> feed.read(northPlatform, QUERY, NORTH, since, 10))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo("since");
          assertThat(e.rule()).isEqualTo(InvalidCursorException.EXPIRED);
        })
        .hasMessageContaining("snapshot " + old);
  }

  /**
   * Five merge-job-like commits on NORTH (P-1..8) and SOUTH (P-1..3): a newcomer; P2's phone
   * and tags change; P3 leaves; P5 merges into P4; P6 moves to SOUTH; P7 merges into SOUTH's P1.
   */
  private void changeAll() {
    lakehouse.append(TestPersons.of(NORTH, 9, 1, 23));
    MasterPerson p2 = stored.get(north(2));
    lakehouse.replace(List.of(p2), List.of(copy(p2, "13900001111", List.of("VETERAN"), p2.communityCode(), 0)));
    lakehouse.replace(List.of(stored.get(north(3))), List.of());
    MasterPerson p4 = stored.get(north(4));
    lakehouse.replace(List.of(p4, stored.get(north(5))), List.of(copy(p4, p4.phone(), p4.tags(), NORTH, 1)));
    lakehouse.addPersonAlias(north(5), north(4), "run-2", LATER);
    MasterPerson p6 = stored.get(north(6));
    lakehouse.replace(List.of(p6), List.of(copy(p6, p6.phone(), p6.tags(), SOUTH, 0)));
    MasterPerson s1 = stored.get(south(1));
    lakehouse.replace(List.of(stored.get(north(7)), s1), List.of(copy(s1, s1.phone(), s1.tags(), SOUTH, 1)));
    lakehouse.addPersonAlias(north(7), south(1), "run-3", LATER);
  }

  private static MasterPerson copy(MasterPerson p, String phone, List<String> tags, String community, int moreSources) {
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(),
        p.birthDate(), phone, p.address(), p.houseId(), p.districtCode(), community, community + "01", tags, p.status(),
        p.provenance(), p.sourceCount() + moreSources, LATER);
  }

  private ChangeFeed newFeed() {
    return new ChangeFeed(new IcebergGoldPersonRepository(lakehouse.catalog()),
        new IcebergMasterAliasRepository(lakehouse.catalog()), new PersonMasking(CLOCK),
        new PersonalDataAudit(catalog.auditLog(), CLOCK));
  }

  private long currentSnapshot() {
    lakehouse.table().refresh();
    return lakehouse.table().currentSnapshot().snapshotId();
  }

  private static String north(int n) {
    return String.format("P-%s-%05d", NORTH, n);
  }

  private static String south(int n) {
    return String.format("P-%s-%05d", SOUTH, n);
  }
}
