package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Places, organizations and events of a community over real gold Iceberg tables, served from their projections. */
class CommunityListServiceTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);
  static final AuditedQuery QUERY = AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/places", "limit=5");

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  ProjectedTable<CommunityProjection<org.cdhub.model.entity.MasterEvent>> events;
  CommunityListService service;
  final ApiClient northPlatform = new ApiClient("north-platform", "community-governance", Set.of(NORTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    List<Map<String, Object>> places = new ArrayList<>(TestPlaces.places(NORTH));
    places.addAll(TestPlaces.places(SOUTH));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_PLACE, places);
    List<Map<String, Object>> organizations = new ArrayList<>(TestPlaces.organizations(NORTH, 5));
    // as the merge job leaves it when the source has no community code: only its place says where it is
    Map<String, Object> placedOnly = new java.util.HashMap<>(TestPlaces.organizations(NORTH, 6).get(5));
    placedOnly.remove("community_code");
    organizations.add(placedOnly);
    organizations.addAll(TestPlaces.organizations(SOUTH, 2));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_ORGANIZATION, organizations);
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_EVENT, TestPlaces.events(NORTH, 12));
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    events = new ProjectedTable<>(GoldTableReader.events(lakehouse.catalog()), CLOCK, Duration.ofMinutes(10));
    service = new CommunityListService(
        ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK),
        new ProjectedTable<>(GoldTableReader.organizations(lakehouse.catalog(), ServedTables.places(lakehouse.catalog(), CLOCK)), CLOCK, Duration.ofMinutes(10)),
        events, new MasterRecordMasking(new PersonMasking(CLOCK)));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void walksTheCommunitysPlacesInMasterIdOrderWithoutDuplicatesOrGaps() {
    List<String> expected = TestPlaces.places(NORTH).stream().map(r -> (String) r.get("master_id")).sorted().toList();

    List<MaskedPlace> walked = new ArrayList<>();
    String cursor = null;
    do {
      CommunityPage<MaskedPlace> page = service.places(northPlatform, QUERY, NORTH, none(), cursor, 7);
      walked.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(walked).extracting(MaskedPlace::masterId).containsExactlyElementsOf(expected);
    assertThat(walked).extracting(MaskedPlace::communityCode).containsOnly(NORTH);
  }

  @Test
  void masksAHousesNameAndAddressButNotACompounds() {
    List<MaskedPlace> all = service.places(northPlatform, QUERY, NORTH, none(), null, 500).items();

    MaskedPlace house = all.stream().filter(p -> p.masterId().equals(TestPlaces.house(NORTH, 7))).findFirst().orElseThrow();
    assertThat(house.kind()).isEqualTo(PlaceType.HOUSE);
    assertThat(house.address()).isEqualTo(Masking.address(TestPlaces.houseAddress(7)))
        .isNotEqualTo(TestPlaces.houseAddress(7)).contains("丽景湾小区").doesNotContain("108室");
    assertThat(house.name()).isEqualTo(house.address());
    MaskedPlace compound = all.stream().filter(p -> p.masterId().equals(TestPlaces.compound(NORTH, 1))).findFirst().orElseThrow();
    assertThat(compound.name()).isEqualTo("丽景湾小区");
    assertThat(compound.address()).isEqualTo("金凤区长城中路街道丽景社区丽景湾小区");
    assertThat(compound.gridCode()).isEqualTo(NORTH + "01");
  }

  @Test
  void filtersPlacesByKindAndByTheGridTheyInheritFromTheirCompound() {
    assertThat(service.places(northPlatform, QUERY, NORTH, new CommunityListService.PlaceFilters(PlaceType.BUILDING, null),
        null, 50).items()).extracting(MaskedPlace::masterId)
        .containsExactly(TestPlaces.building(NORTH, 1), TestPlaces.building(NORTH, 2), TestPlaces.building(NORTH, 3));

    // grid 02 is compound 2's: itself, building 3 and the houses in building 3 (n % 3 == 2)
    List<String> inGrid2 = new ArrayList<>(List.of(TestPlaces.compound(NORTH, 2), TestPlaces.building(NORTH, 3)));
    IntStream.range(0, TestPlaces.HOUSES).filter(n -> n % 3 == 2).forEach(n -> inGrid2.add(TestPlaces.house(NORTH, n)));
    assertThat(service.places(northPlatform, QUERY, NORTH, new CommunityListService.PlaceFilters(null, NORTH + "02"),
        null, 500).items()).extracting(MaskedPlace::masterId).containsExactlyElementsOf(inGrid2.stream().sorted().toList());

    assertThat(service.places(northPlatform, QUERY, NORTH, new CommunityListService.PlaceFilters(PlaceType.HOUSE,
        NORTH + "02"), null, 500).items()).hasSize((int) IntStream.range(0, TestPlaces.HOUSES).filter(n -> n % 3 == 2).count());
  }

  @Test
  void masksTheLegalRepresentativeAndFiltersOrganizationsByTheirPlacesGrid() {
    List<MaskedOrganization> all = service.organizations(northPlatform, QUERY, NORTH, null, null, 50).items();
    assertThat(all).hasSize(6).allSatisfy(o -> {
      assertThat(o.legalRepresentative()).isEqualTo(Masking.name("欧阳秀英")).isNotEqualTo("欧阳秀英");
      assertThat(o.creditCode()).startsWith("91640100MA7");
    });

    // odd organizations sit in compound 1 (grid 01), even ones in building 3 of compound 2 (grid 02)
    assertThat(service.organizations(northPlatform, QUERY, NORTH, NORTH + "02", null, 50).items())
        .extracting(MaskedOrganization::masterId).containsExactly("O-" + NORTH + "-2", "O-" + NORTH + "-4", "O-" + NORTH + "-6");
  }

  @Test
  void listsAnOrganizationWithoutACommunityCodeInItsPlacesCommunity() {
    assertThat(service.organizations(northPlatform, QUERY, NORTH, null, null, 50).items())
        .filteredOn(o -> o.masterId().equals("O-" + NORTH + "-6"))
        .singleElement().satisfies(o -> {
          assertThat(o.communityCode()).as("served as stored").isNull();
          assertThat(o.placeId()).isEqualTo(TestPlaces.building(NORTH, 3));
        });
    assertThat(service.organizations(new ApiClient("south", "p", Set.of(SOUTH)), QUERY, SOUTH, null, null, 50).items())
        .extracting(MaskedOrganization::masterId).doesNotContain("O-" + NORTH + "-6");
  }

  @Test
  void masksNumbersInEventDescriptionsAndKeepsTheInvolvedPersonsMasterIds() {
    List<MaskedEvent> all = service.events(northPlatform, QUERY, NORTH, new CommunityListService.EventFilters(null, null, null),
        null, 50).items();

    assertThat(all).hasSize(12).allSatisfy(e -> {
      assertThat(e.description()).doesNotContain("13912345678").contains(Masking.phone("13912345678"));
      assertThat(e.personIds()).hasSize(1).first().asString().startsWith("P-" + NORTH + "-");
    });
    assertThat(all.get(0).occurredAt()).isEqualTo(TestPlaces.FIRST_EVENT);
  }

  @Test
  void keepsEventsOfTheTimeWindowFromInclusiveUntilExclusive() {
    Instant from = TestPlaces.FIRST_EVENT.plus(Duration.ofHours(3));
    Instant until = TestPlaces.FIRST_EVENT.plus(Duration.ofHours(6));

    List<MaskedEvent> window = service.events(northPlatform, QUERY, NORTH,
        new CommunityListService.EventFilters(null, from, until), null, 50).items();

    // events 4, 5 and 6 happened 3, 4 and 5 hours after the first
    assertThat(window).extracting(MaskedEvent::masterId)
        .containsExactly("E-" + NORTH + "-004", "E-" + NORTH + "-005", "E-" + NORTH + "-006");
    assertThatThrownBy(() -> new CommunityListService.EventFilters(null, until, from))
        .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
          assertThat(e.field()).isEqualTo("until");
          assertThat(e.rule()).isEqualTo("after-from");
        });
  }

  @Test
  void pagesStayOnTheFirstPagesSnapshotWhileANewOneIsServed() {
    CommunityPage<MaskedEvent> first = service.events(northPlatform, QUERY, NORTH,
        new CommunityListService.EventFilters(null, null, null), null, 5);
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_EVENT,
        List.of(TestPlaces.events(NORTH, 13).get(12)));
    assertThat(events.refresh()).isTrue();

    List<String> walked = new ArrayList<>(first.items().stream().map(MaskedEvent::masterId).toList());
    CommunityPage<MaskedEvent> page = first;
    while (page.hasMore()) {
      page = service.events(northPlatform, QUERY, NORTH, new CommunityListService.EventFilters(null, null, null),
          page.nextCursor(), 5);
      assertThat(page.snapshotId()).isEqualTo(first.snapshotId());
      walked.addAll(page.items().stream().map(MaskedEvent::masterId).toList());
    }

    assertThat(walked).hasSize(12).doesNotContain("E-" + NORTH + "-013");
    assertThat(service.events(northPlatform, QUERY, NORTH, new CommunityListService.EventFilters(null, null, null),
        null, 50).items()).hasSize(13);
  }

  @Test
  void refusesACursorOfAnotherListOrMadeForOtherFilters() {
    String placesCursor = service.places(northPlatform, QUERY, NORTH, none(), null, 2).nextCursor();
    String gridCursor = service.places(northPlatform, QUERY, NORTH,
        new CommunityListService.PlaceFilters(null, NORTH + "01"), null, 2).nextCursor();

    assertThatThrownBy(() -> service.organizations(northPlatform, QUERY, NORTH, null, placesCursor, 2))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo("cursor");
          assertThat(e.rule()).isEqualTo(InvalidCursorException.OTHER_LIST);
        });
    assertThatThrownBy(() -> service.places(northPlatform, QUERY, NORTH,
        new CommunityListService.PlaceFilters(PlaceType.HOUSE, NORTH + "01"), gridCursor, 2))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo("kind");
          assertThat(e.rule()).isEqualTo(CommunityPager.CURSOR_MISMATCH);
        })
        .hasMessageContaining("made for no kind, this request has kind=HOUSE");
    assertThatThrownBy(() -> service.places(northPlatform, QUERY, NORTH, none(), gridCursor, 2))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.field()).isEqualTo("grid"));
  }

  @Test
  void refusesAndAuditsEachListOutsideTheJurisdictionUnderItsTable() {
    assertThatThrownBy(() -> service.places(northPlatform, QUERY, SOUTH, none(), null, 5))
        .isInstanceOf(OutsideJurisdictionException.class);
    assertThatThrownBy(() -> service.organizations(northPlatform, QUERY, SOUTH, null, null, 5))
        .isInstanceOf(OutsideJurisdictionException.class);
    assertThatThrownBy(() -> service.events(northPlatform, QUERY, SOUTH,
        new CommunityListService.EventFilters(null, null, null), null, 5))
        .isInstanceOf(OutsideJurisdictionException.class);

    List<AccessEvent> refused = catalog.auditLog().recent(3);
    assertThat(refused).extracting(AccessEvent::dataset).containsExactlyInAnyOrder("gold.place", "gold.organization",
        "gold.event");
    assertThat(refused).allSatisfy(e -> {
      assertThat(e.outcome()).isEqualTo("DENIED");
      assertThat(e.scope()).isEqualTo("community:" + SOUTH);
    });
  }

  @Test
  void auditsEachPageWithItsTableAndTheMasterIdsReturned() {
    CommunityPage<MaskedEvent> page = service.events(northPlatform, QUERY, NORTH,
        new CommunityListService.EventFilters(null, null, null), null, 4);

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.dataset()).isEqualTo("gold.event");
    assertThat(event.action()).isEqualTo("LIST");
    assertThat(event.outcome()).isEqualTo("OK");
    assertThat(event.recordIds()).containsExactlyElementsOf(page.items().stream().map(MaskedEvent::masterId).toList())
        .containsExactly("E-" + NORTH + "-001", "E-" + NORTH + "-002", "E-" + NORTH + "-003", "E-" + NORTH + "-004");
    assertThat(catalog.auditLog().verify().intact()).isTrue();
  }

  @Test
  void answersDatasetUnavailableWhileATableIsNotPublished(@TempDir Path otherDir) {
    try (GoldPersonFixture empty = GoldPersonFixture.create(otherDir)) {
      CommunityListService onEmpty = new CommunityListService(
          ServedTables.pager(empty.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK),
          new ProjectedTable<>(GoldTableReader.organizations(empty.catalog(), ServedTables.places(empty.catalog(), CLOCK)), CLOCK, Duration.ofMinutes(10)),
          new ProjectedTable<>(GoldTableReader.events(empty.catalog()), CLOCK, Duration.ofMinutes(10)),
          new MasterRecordMasking(new PersonMasking(CLOCK)));

      assertThatThrownBy(() -> onEmpty.organizations(northPlatform, QUERY, NORTH, null, null, 5))
          .isInstanceOfSatisfying(DatasetUnavailableException.class, e -> assertThat(e.dataset()).isEqualTo("gold.organization"));
    }
  }

  private static CommunityListService.PlaceFilters none() {
    return new CommunityListService.PlaceFilters(null, null);
  }
}
