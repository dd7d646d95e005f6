package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roster filters (key-population tag, age band, grid, building) through the serving path: the
 * projection of a real gold.person and gold.place's hierarchy, walked with cursors.
 */
class RosterFiltersTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  /** 02:00 UTC is 10:00 in the hub's zone: the same calendar day. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  static final AuditedQuery QUERY = AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "tag=X");

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  CommunityPersonService service;
  List<MasterPerson> north;
  final ApiClient northPlatform = new ApiClient("north-platform", "community-governance", Set.of(NORTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    north = new ArrayList<>(TestPersons.of(NORTH, 1, 120, 31));
    // a second grid, so that the grid filter has persons to leave out
    for (int i = 0; i < 30; i++) {
      MasterPerson p = north.get(i);
      north.set(i, new MasterPerson(p.masterId(), p.idNumber(), null, p.name(), null, p.sex(), p.birthDate(), p.phone(),
          p.address(), p.houseId(), p.districtCode(), p.communityCode(), NORTH + "02", p.tags(), p.status(), p.provenance(),
          p.sourceCount(), p.updatedAt()));
    }
    List<MasterPerson> rows = new ArrayList<>(north);
    rows.addAll(TestPersons.of(SOUTH, 1, 20, 32));
    lakehouse.append(rows);
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_PLACE, TestPlaces.places(NORTH));
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    ProjectedGoldPersonRepository persons =
        new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouse.catalog()), CLOCK, Duration.ofMinutes(10));
    service = new CommunityPersonService(persons, new PersonMasking(CLOCK),
        ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void listsAKeyPopulationAsTheRosterWithATagAcrossPages() {
    List<String> expected = ids(p -> p.tags().contains("ELDERLY_ALONE") || p.tags().contains("VETERAN"));
    assertThat(expected).as("seeded tags").hasSizeGreaterThan(6);

    List<String> walked = walk(new RosterFilters(Set.of("VETERAN", "ELDERLY_ALONE"), null, null, null), 3);

    assertThat(walked).containsExactlyElementsOf(expected);
  }

  @Test
  void filtersByAgeBandCountedOnTheDayOfTheRequest() {
    List<String> expected = ids(p -> {
      int age = Period.between(p.birthDate(), TODAY).getYears();
      return age >= 80 || (age >= 30 && age < 40);
    });
    assertThat(expected).as("seeded ages").isNotEmpty();

    assertThat(walk(new RosterFilters(null, Set.of("30-39", "80-89", "90+"), null, null), 4))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void filtersByGridAndByBuildingThroughThePlaceHierarchy() {
    assertThat(walk(new RosterFilters(null, null, null, NORTH + "02"), 7))
        .containsExactlyElementsOf(ids(p -> p.gridCode().equals(NORTH + "02"))).hasSize(30);

    // TestPersons lives person n in house n % 50, TestPlaces puts house h in building (h % 3) + 1
    List<String> inBuilding2 = ids(p -> houseNumber(p) % 3 + 1 == 2);
    assertThat(inBuilding2).isNotEmpty();
    assertThat(walk(new RosterFilters(null, null, TestPlaces.building(NORTH, 2), null), 5))
        .containsExactlyElementsOf(inBuilding2);
    // a compound holds its buildings' houses
    assertThat(walk(new RosterFilters(null, null, TestPlaces.compound(NORTH, 2), null), 50))
        .containsExactlyElementsOf(ids(p -> houseNumber(p) % 3 + 1 == 3));
  }

  @Test
  void combinesFiltersWithAnd() {
    List<String> expected = ids(p -> p.tags().contains("DISABLED") && p.gridCode().equals(NORTH + "01"));

    assertThat(walk(new RosterFilters(Set.of("DISABLED"), null, null, NORTH + "01"), 2)).containsExactlyElementsOf(expected);
  }

  @Test
  void refusesACursorUsedWithOtherFiltersNamingTheFirstThatDiffers() {
    String cursor = service.list(northPlatform, QUERY, NORTH, new RosterFilters(Set.of("DISABLED"), null, null, null),
        null, 1).nextCursor();
    assertThat(cursor).isNotNull();

    assertThatThrownBy(() -> service.list(northPlatform, QUERY, NORTH, new RosterFilters(Set.of("VETERAN"), null, null,
        null), cursor, 1))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo("tag");
          assertThat(e.rule()).isEqualTo("cursor-mismatch");
        })
        .hasMessageContaining("made for tag=DISABLED, this request has tag=VETERAN");
    assertThatThrownBy(() -> service.list(northPlatform, QUERY, NORTH, RosterFilters.NONE, cursor, 1))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.field()).isEqualTo("tag"));
    assertThatThrownBy(() -> service.list(northPlatform, QUERY, NORTH, new RosterFilters(Set.of("DISABLED"),
        Set.of("0-9"), null, null), cursor, 1))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.field()).isEqualTo("ageBand"));
    // the unfiltered roster's cursor does not fit a filtered request either
    String plain = service.list(northPlatform, QUERY, NORTH, null, 1).nextCursor();
    assertThatThrownBy(() -> service.list(northPlatform, QUERY, NORTH, new RosterFilters(null, null, null, NORTH + "01"),
        plain, 1))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.field()).isEqualTo("grid"));
  }

  @Test
  void auditsAFilteredPageWithTheMasterIdsItReturned() {
    CommunityPage<MaskedPerson> page = service.list(northPlatform, QUERY, NORTH,
        new RosterFilters(Set.of("DISABLED"), null, null, null), null, 3);

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.dataset()).isEqualTo("gold.person");
    assertThat(event.recordIds()).containsExactlyElementsOf(page.items().stream().map(MaskedPerson::masterId).toList());
    assertThat(page.items()).allSatisfy(p -> assertThat(p.tags()).contains("DISABLED"));
  }

  @Test
  void aRepositoryThatOnlyPagesByKeyFiltersTheSameThroughTheDefaultMethod() {
    // as the Trino repository does: only unfiltered keyset pages, the interface's default filters them
    ProjectedGoldPersonRepository projected =
        new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouse.catalog()), CLOCK, Duration.ofMinutes(10));
    GoldPersonRepository keysetOnly = new GoldPersonRepository() {
      @Override
      public java.util.OptionalLong currentSnapshotId() {
        return projected.currentSnapshotId();
      }

      @Override
      public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit) {
        return projected.findByCommunityAfter(communityCode, snapshotId, afterMasterId, limit);
      }
    };
    service = new CommunityPersonService(keysetOnly, new PersonMasking(CLOCK),
        ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK));

    assertThat(walk(new RosterFilters(Set.of("DISABLED"), null, null, null), 2))
        .containsExactlyElementsOf(ids(p -> p.tags().contains("DISABLED")));
    assertThat(walk(new RosterFilters(null, null, TestPlaces.building(NORTH, 1), NORTH + "01"), 3))
        .containsExactlyElementsOf(ids(p -> houseNumber(p) % 3 + 1 == 1 && p.gridCode().equals(NORTH + "01")));
  }

  private List<String> walk(RosterFilters filters, int limit) {
    List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      CommunityPage<MaskedPerson> page = service.list(northPlatform, QUERY, NORTH, filters, cursor, limit);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      page.items().forEach(p -> walked.add(p.masterId()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return walked;
  }

  private List<String> ids(Predicate<MasterPerson> selected) {
    return north.stream().filter(selected).map(MasterPerson::masterId).sorted().toList();
  }

  private static int houseNumber(MasterPerson p) {
    return Integer.parseInt(p.houseId().substring(p.houseId().lastIndexOf('-') + 1));
  }
}
