package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grid-bound clients over gold tables holding grid codes the way the merge job writes them:
 * houses carry the housing register's code (or their building's), a building the grid of its houses,
 * a compound across two grids none, one inside a grid that grid, the community none; a person
 * the grid of the house they live in. Each grid's worker sees exactly what truly lies in its grid.
 */
class GridScopeTest {
  static final String NORTH = "640106001001";
  static final String G1 = NORTH + "001";
  static final String G2 = NORTH + "002";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);
  static final Instant UPDATED = Instant.parse("2026-11-01T08:00:00Z");
  static final int HOUSES = 12;
  /** Where each building truly lies: B1 and B2 in compound C1 (so C1 spans both grids), B3 in C2. */
  static final Map<String, String> TRUE_GRID_OF_BUILDING = Map.of("L-B1", G1, "L-B2", G2, "L-B3", G2);
  static final Map<String, String> COMPOUND_OF_BUILDING = Map.of("L-B1", "L-C1", "L-B2", "L-C1", "L-B3", "L-C2");

  /** Organizations and events hold no grid: they lie in their place's (null: a place that is not in gold.place). */
  static final Map<String, String> ORGANIZATION_AT = Map.of("O-1", "L-H0", "O-2", "L-B3", "O-3", "L-C1", "O-4", "L-COMM", "O-5", "L-GONE");
  static final Map<String, String> EVENT_AT = Map.of("E-1", "L-B1", "E-2", "L-H1", "E-3", "L-C2", "E-4", "L-C1");

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  CommunityPersonService persons;
  CommunityListService places;
  List<MasterPerson> north = new ArrayList<>();
  final List<Map<String, Object>> placeRows = new ArrayList<>();

  static String buildingOf(int house) {
    return "L-B" + (house % 3 + 1);
  }

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    placeRows.add(place("L-COMM", "COMMUNITY", null, null));
    placeRows.add(place("L-C1", "COMPOUND", "L-COMM", null));
    placeRows.add(place("L-C2", "COMPOUND", "L-COMM", G2));
    TRUE_GRID_OF_BUILDING.forEach((b, grid) -> placeRows.add(place(b, "BUILDING", COMPOUND_OF_BUILDING.get(b), grid)));
    for (int n = 0; n < HOUSES; n++) {
      placeRows.add(place("L-H" + n, "HOUSE", buildingOf(n), TRUE_GRID_OF_BUILDING.get(buildingOf(n))));
    }
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_PLACE, placeRows);
    for (MasterPerson p : TestPersons.of(NORTH, 1, 40, 11)) {
      int n = Integer.parseInt(p.masterId().substring(p.masterId().lastIndexOf('-') + 1));
      boolean housed = n % 10 != 0; // every tenth person has no known house, hence no grid
      String house = housed ? "L-H" + n % HOUSES : null;
      north.add(new MasterPerson(p.masterId(), p.idNumber(), null, p.name(), null, p.sex(), p.birthDate(), p.phone(), p.address(),
          house, p.districtCode(), NORTH, housed ? TRUE_GRID_OF_BUILDING.get(buildingOf(n % HOUSES)) : null, p.tags(), p.status(), p.provenance(),
          p.sourceCount(), p.updatedAt()));
    }
    lakehouse.append(north);
    List<Map<String, Object>> organizations = new ArrayList<>();
    ORGANIZATION_AT.forEach((id, place) -> organizations.add(at(TestPlaces.organizations(NORTH, 1).get(0), id, place)));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_ORGANIZATION, organizations);
    List<Map<String, Object>> events = new ArrayList<>();
    EVENT_AT.forEach((id, place) -> events.add(at(TestPlaces.events(NORTH, 1).get(0), id, place)));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_EVENT, events);
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    CommunityPager pager = ServedTables.pager(lakehouse.catalog(), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK);
    persons = new CommunityPersonService(
        new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouse.catalog()), CLOCK, Duration.ofMinutes(10)),
        new PersonMasking(CLOCK), pager);
    places = new CommunityListService(pager,
        new ProjectedTable<>(GoldTableReader.organizations(lakehouse.catalog(), ServedTables.places(lakehouse.catalog(), CLOCK)), CLOCK,
            Duration.ofMinutes(10)),
        new ProjectedTable<>(GoldTableReader.events(lakehouse.catalog()), CLOCK, Duration.ofMinutes(10)),
        new MasterRecordMasking(new PersonMasking(CLOCK)));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void eachGridWorkerSeesExactlyThePersonsLivingInItsGrid() {
    for (String grid : List.of(G1, G2)) {
      List<String> expected = north.stream().filter(p -> p.houseId() != null
              && TRUE_GRID_OF_BUILDING.get(buildingOf(Integer.parseInt(p.houseId().substring(3)))).equals(grid))
          .map(MasterPerson::masterId).sorted().toList();
      assertThat(expected).as(grid).hasSizeGreaterThan(5);

      assertThat(walk(worker(grid), (client, cursor) -> persons.list(client, query("persons"), NORTH, cursor, 4), MaskedPerson::masterId))
          .as(grid).containsExactlyElementsOf(expected);
    }
    assertThat(walk(new ApiClient("community", "community-governance", Set.of(NORTH)),
        (client, cursor) -> persons.list(client, query("persons"), NORTH, cursor, 50), MaskedPerson::masterId))
        .as("the whole community, the unhoused too").hasSize(north.size());
  }

  @Test
  void eachGridWorkerSeesExactlyThePlacesInsideItsGrid() {
    List<String> inG1 = new ArrayList<>(List.of("L-B1"));
    List<String> inG2 = new ArrayList<>(List.of("L-C2", "L-B2", "L-B3"));
    for (int n = 0; n < HOUSES; n++) {
      (TRUE_GRID_OF_BUILDING.get(buildingOf(n)).equals(G1) ? inG1 : inG2).add("L-H" + n);
    }
    Map<String, List<String>> expected = Map.of(G1, inG1.stream().sorted().toList(), G2, inG2.stream().sorted().toList());

    for (String grid : List.of(G1, G2)) {
      assertThat(walk(worker(grid), (client, cursor) -> places.places(client, query("places"), NORTH,
          new CommunityListService.PlaceFilters(null, null), cursor, 5), MaskedPlace::masterId))
          .as(grid).containsExactlyElementsOf(expected.get(grid));
    }
    // the community and the compound across both grids are the whole community's business only
    assertThat(walk(worker(G1 + "," + G2), (client, cursor) -> places.places(client, query("places"), NORTH,
        new CommunityListService.PlaceFilters(null, null), cursor, 50), MaskedPlace::masterId))
        .hasSize(placeRows.size() - 2).doesNotContain("L-COMM", "L-C1");
  }

  @Test
  void eachGridWorkerSeesTheOrganizationsAndEventsWhosePlaceLiesInItsGrid() {
    // L-H0 is in B1 (grid 1); B3 and compound C2 in grid 2; compound C1 spans both, the community has none
    Map<String, List<String>> organizations = Map.of(G1, List.of("O-1"), G2, List.of("O-2"));
    Map<String, List<String>> events = Map.of(G1, List.of("E-1"), G2, List.of("E-2", "E-3"));
    for (String grid : List.of(G1, G2)) {
      assertThat(walk(worker(grid), (client, cursor) -> places.organizations(client, query("organizations"), NORTH, null, cursor, 1),
          MaskedOrganization::masterId)).as(grid).containsExactlyElementsOf(organizations.get(grid));
      assertThat(walk(worker(grid), (client, cursor) -> places.events(client, query("events"), NORTH,
          new CommunityListService.EventFilters(null, null, null), cursor, 1), MaskedEvent::masterId))
          .as(grid).containsExactlyElementsOf(events.get(grid));
    }
    ApiClient community = new ApiClient("community", "community-governance", Set.of(NORTH));
    assertThat(walk(community, (client, cursor) -> places.organizations(client, query("organizations"), NORTH, null, cursor, 2),
        MaskedOrganization::masterId)).as("the whole community sees every one").containsExactly("O-1", "O-2", "O-3", "O-4", "O-5");
    assertThat(walk(community, (client, cursor) -> places.events(client, query("events"), NORTH,
        new CommunityListService.EventFilters(null, null, null), cursor, 2), MaskedEvent::masterId)).hasSize(EVENT_AT.size());
  }

  /** A copy of a test row with another master id and place. */
  private static Map<String, Object> at(Map<String, Object> row, String masterId, String placeId) {
    Map<String, Object> out = new HashMap<>(row);
    out.put("master_id", masterId);
    out.put("place_id", placeId);
    out.put("community_code", NORTH);
    return out;
  }

  /** A client bound to the comma-separated grids. */
  private static ApiClient worker(String grids) {
    return new ApiClient("grid-" + grids.hashCode(), "grid-governance", Set.of(grids.split(",")));
  }

  private static AuditedQuery query(String list) {
    return AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/" + list, "limit=5");
  }

  private interface Pages<T> {
    CommunityPage<T> page(ApiClient client, String cursor);
  }

  private static <T> List<String> walk(ApiClient client, Pages<T> pages, Function<T, String> id) {
    List<String> walked = new ArrayList<>();
    String cursor = null;
    do {
      CommunityPage<T> page = pages.page(client, cursor);
      page.items().forEach(item -> walked.add(id.apply(item)));
      cursor = page.nextCursor();
    } while (cursor != null);
    return walked;
  }

  private static Map<String, Object> place(String id, String type, String parent, String grid) {
    Map<String, Object> row = new HashMap<>();
    row.put("master_id", id);
    row.put("place_type", type);
    row.put("name", id);
    if (parent != null) {
      row.put("parent_id", parent);
    }
    row.put("district_code", NORTH.substring(0, 6));
    row.put("community_code", NORTH);
    if (grid != null) {
      row.put("grid_code", grid);
    }
    row.put("updated_at", UPDATED);
    return row;
  }
}
