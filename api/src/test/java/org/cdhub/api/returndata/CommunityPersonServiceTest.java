package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdhub.api.audit.AuditedQuery;
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

/** The service over a real Iceberg table, the real audit log (SQLite) and the kernel's masking. */
class CommunityPersonServiceTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final AuditedQuery QUERY = AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "limit=5");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  CommunityPersonService service;
  List<MasterPerson> north;
  final ApiClient northPlatform = new ApiClient("north-platform", "community-governance", Set.of(NORTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    north = TestPersons.of(NORTH, 1, 9, 11);
    List<MasterPerson> rows = new ArrayList<>(north);
    rows.addAll(TestPersons.of(SOUTH, 1, 4, 12));
    lakehouse.append(rows);
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    service = new CommunityPersonService(new IcebergGoldPersonRepository(lakehouse.catalog()),
        new PersonMasking(CLOCK), ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void masksEveryPersonalFieldAndLeavesNoRawValueInTheJson() throws Exception {
    CommunityPage<MaskedPerson> page = service.list(northPlatform, QUERY, NORTH, null, 50);

    assertThat(page.items()).hasSize(north.size());
    for (MaskedPerson shown : page.items()) {
      MasterPerson stored = north.stream().filter(p -> p.masterId().equals(shown.masterId())).findFirst().orElseThrow();
      assertThat(shown.idNumber()).isEqualTo(Masking.idNumber(stored.idNumber()))
          .startsWith("**************").endsWith(stored.idNumber().substring(14));
      assertThat(shown.phone()).isEqualTo(Masking.phone(stored.phone())).contains("****");
      assertThat(shown.name()).isEqualTo(Masking.name(stored.name())).isNotEqualTo(stored.name());
      assertThat(shown.address()).isEqualTo(Masking.address(stored.address())).isNotEqualTo(stored.address());
      assertThat(shown.birthYear()).isEqualTo(stored.birthDate().getYear());
      assertThat(shown.ageBand()).isEqualTo(PersonMasking.ageBand(stored.birthDate(), java.time.LocalDate.of(2026, 11, 20)));
    }
    String json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(page);
    for (MasterPerson stored : north) {
      assertThat(json).doesNotContain(stored.idNumber(), stored.phone(), stored.address(), stored.birthDate().toString());
      assertThat(json).doesNotContain(stored.idNumber().substring(0, 14));
    }
  }

  @Test
  void auditsEachListWithTheClientPurposeScopeQueryAndRecordIds() {
    CommunityPage<MaskedPerson> page = service.list(northPlatform, QUERY, NORTH, null, 5);

    List<AccessEvent> events = catalog.auditLog().recent(10);
    assertThat(events).hasSize(1);
    AccessEvent event = events.get(0);
    assertThat(event.clientId()).isEqualTo("north-platform");
    assertThat(event.purpose()).isEqualTo("community-governance");
    assertThat(event.dataset()).isEqualTo("gold.person");
    assertThat(event.action()).isEqualTo("LIST");
    assertThat(event.scope()).isEqualTo("community:" + NORTH);
    assertThat(event.recordCount()).isEqualTo(5);
    assertThat(event.unmasked()).isFalse();
    assertThat(event.outcome()).isEqualTo("OK");
    assertThat(event.at()).isEqualTo(CLOCK.instant());
    assertThat(event.query()).isEqualTo("GET /api/v1/communities/" + NORTH + "/persons?limit=5");
    assertThat(event.recordIds()).containsExactlyElementsOf(page.items().stream().map(MaskedPerson::masterId).toList())
        .hasSize(5);
    assertThat(catalog.auditLog().verify().intact()).isTrue();
  }

  @Test
  void refusesAndAuditsACommunityOutsideTheJurisdiction() {
    assertThatThrownBy(() -> service.list(northPlatform, QUERY, SOUTH, null, 5))
        .isInstanceOf(OutsideJurisdictionException.class)
        .hasMessageContaining(SOUTH).hasMessageContaining("north-platform");

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.outcome()).isEqualTo("DENIED");
    assertThat(event.scope()).isEqualTo("community:" + SOUTH);
    assertThat(event.recordCount()).isZero();
    assertThat(event.recordIds()).isEmpty();
    assertThat(event.query()).isEqualTo(QUERY.text());
  }

  @Test
  void pagesStayOnTheFirstPagesSnapshotWhileTheTableChanges() {
    CommunityPage<MaskedPerson> first = service.list(northPlatform, QUERY, NORTH, null, 4);
    // a newer merge lands between two pages: persons sorting before and after the cursor
    lakehouse.append(List.of(TestPersons.of(NORTH, 0, 1, 99).get(0), TestPersons.of(NORTH, 500, 1, 98).get(0)));

    List<String> walked = new ArrayList<>(first.items().stream().map(MaskedPerson::masterId).toList());
    CommunityPage<MaskedPerson> page = first;
    while (page.hasMore()) {
      page = service.list(northPlatform, QUERY, NORTH, page.nextCursor(), 4);
      assertThat(page.snapshotId()).isEqualTo(first.snapshotId());
      walked.addAll(page.items().stream().map(MaskedPerson::masterId).toList());
    }

    assertThat(walked).containsExactlyElementsOf(north.stream().map(MasterPerson::masterId).sorted().toList());
    assertThat(service.list(northPlatform, QUERY, NORTH, null, 50).items()).hasSize(north.size() + 2);
  }

  @Test
  void refusesACursorOfAnotherCommunity() {
    ApiClient both = new ApiClient("both", "p", Set.of(NORTH, SOUTH));
    String southCursor = service.list(both, QUERY, SOUTH, null, 1).nextCursor();

    assertThatThrownBy(() -> service.list(both, QUERY, NORTH, southCursor, 1))
        .isInstanceOfSatisfying(InvalidCursorException.class,
            e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.OTHER_COMMUNITY))
        .hasMessageContaining(SOUTH);
  }

  @Test
  void refusesACursorWhoseSnapshotIsGone() {
    String stale = new PageCursor("persons", NORTH, 42L, "P-1").encode();

    assertThatThrownBy(() -> service.list(northPlatform, QUERY, NORTH, stale, 10))
        .isInstanceOfSatisfying(InvalidCursorException.class,
            e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.EXPIRED))
        .hasMessageContaining("snapshot 42");
  }

  @Test
  void listsNothingWhileTheTableIsEmpty(@TempDir Path otherDir) throws Exception {
    try (GoldPersonFixture empty = GoldPersonFixture.create(otherDir)) {
      CommunityPersonService onEmpty = new CommunityPersonService(new IcebergGoldPersonRepository(empty.catalog()),
          new PersonMasking(CLOCK), ServedTables.pager(empty.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK));

      CommunityPage<MaskedPerson> page = onEmpty.list(northPlatform, QUERY, NORTH, null, 10);

      assertThat(page.items()).isEmpty();
      assertThat(page.snapshotId()).isNull();
      assertThat(page.hasMore()).isFalse();
    }
  }
}
