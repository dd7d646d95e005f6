package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cdhub.api.client.ApiException;
import org.cdhub.api.client.api.CatalogApi;
import org.cdhub.api.client.api.ChangesApi;
import org.cdhub.api.client.api.EventsApi;
import org.cdhub.api.client.api.OrganizationsApi;
import org.cdhub.api.client.api.PlacesApi;
import org.cdhub.api.client.model.Event;
import org.cdhub.api.client.model.EventPage;
import org.cdhub.api.client.model.Organization;
import org.cdhub.api.client.model.Place;
import org.cdhub.api.client.model.PlaceKind;
import org.cdhub.api.client.model.PlacePage;
import org.cdhub.api.client.api.PersonsApi;
import org.cdhub.api.client.model.ChangePage;
import org.cdhub.api.client.model.ChangeType;
import org.cdhub.api.client.model.Dataset;
import org.cdhub.api.client.model.Sensitivity;
import org.cdhub.api.client.model.Person;
import org.cdhub.api.client.model.PersonChange;
import org.cdhub.api.client.model.PersonPage;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.returndata.TestPlaces;
import org.cdhub.api.security.ApiClients;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole API on a random port over a real gold.person Iceberg table and a real catalog
 * database, called through the generated Java client SDK as a community platform would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HubApiEndToEndTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final String NORTH_KEY = "north-platform-key-e2e-0001";
  static final String DEMO_KEY = "demo-key-e2e-0123456789";
  /** A community of its own for the change feed test, which writes new snapshots. */
  static final String FEED = "640106001003";
  static final String FEED_KEY = "feed-platform-key-e2e-0001";

  @TempDir static Path dataDir;
  static List<MasterPerson> north;
  static List<MasterPerson> south;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void hubProperties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> dataDir.toString());
    registry.add("hub.api.clients.north-platform.key-sha256", () -> ApiClients.sha256Hex(NORTH_KEY));
    registry.add("hub.api.clients.north-platform.communities", () -> NORTH);
    registry.add("hub.api.clients.north-platform.purpose", () -> "elderly-care");
    registry.add("hub.api.clients.feed-platform.key-sha256", () -> ApiClients.sha256Hex(FEED_KEY));
    registry.add("hub.api.clients.feed-platform.communities", () -> FEED);
    registry.add("hub.api.demo-key", () -> DEMO_KEY);
    registry.add("hub.api.demo-communities", () -> SOUTH);
  }

  @BeforeAll
  static void publishGoldPersons() {
    north = TestPersons.of(NORTH, 1, 23, 2026);
    south = TestPersons.of(SOUTH, 1, 6, 2027);
    List<MasterPerson> all = new ArrayList<>(north);
    all.addAll(south);
    long snapshot;
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      snapshot = lakehouse.append(all);
      TestPlaces.publish(lakehouse.catalog(), 3, 30, NORTH, SOUTH);
    }
    // what ./hub publish does after the merge job
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, all.size(), snapshot,
          Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T01:05:00Z")));
    }
  }

  @Test
  void pagesThroughTheCommunityMaskedWithoutDuplicatesOrGaps() throws Exception {
    PersonsApi api = client(NORTH_KEY);

    List<Person> walked = new ArrayList<>();
    Set<String> snapshots = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      PersonPage page = api.listCommunityPersons(NORTH, cursor, 5, null, null, null, null, null, null);
      pages++;
      assertThat(page.getCommunityCode()).isEqualTo(NORTH);
      assertThat(page.getMasked()).isTrue();
      assertThat(page.getItems()).hasSizeLessThanOrEqualTo(5);
      snapshots.add(page.getPage().getSnapshotId());
      walked.addAll(page.getItems());
      cursor = page.getPage().getNextCursor();
      assertThat(page.getPage().getHasMore()).isEqualTo(cursor != null);
    } while (cursor != null);

    assertThat(pages).isEqualTo(5);
    assertThat(snapshots).hasSize(1);
    assertThat(walked).extracting(Person::getMasterId)
        .containsExactlyElementsOf(north.stream().map(MasterPerson::masterId).sorted().toList());
    assertThat(walked).extracting(Person::getCommunityCode).containsOnly(NORTH);
    for (Person shown : walked) {
      MasterPerson stored = north.stream().filter(p -> p.masterId().equals(shown.getMasterId())).findFirst().orElseThrow();
      assertThat(shown.getIdNumber()).isEqualTo("**************" + stored.idNumber().substring(14));
      assertThat(shown.getPhone()).isEqualTo(stored.phone().substring(0, 3) + "****" + stored.phone().substring(7));
      assertThat(shown.getName()).startsWith(stored.name().substring(0, 1)).contains("*");
      assertThat(shown.getAddress()).isNotEqualTo(stored.address());
      assertThat(shown.getBirthYear()).isEqualTo(stored.birthDate().getYear());
      assertThat(shown.getAgeBand()).isNotBlank();
      assertThat(shown.getTags()).isEqualTo(stored.tags());
    }
  }

  @Test
  void neverSendsARawIdNumberOrPhone() throws Exception {
    String body = http("/api/v1/communities/" + NORTH + "/persons?limit=500", NORTH_KEY).body();

    assertThat(body).contains(north.get(0).masterId());

    for (MasterPerson stored : north) {
      assertThat(body).doesNotContain(stored.idNumber(), stored.phone(), stored.birthDate().toString());
    }
  }

  @Test
  void refusesAnotherCommunityWith403AndAuditsTheRefusal() {
    assertThatThrownBy(() -> client(NORTH_KEY).listCommunityPersons(SOUTH, null, 10, null, null, null, null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getResponseBody()).contains("\"code\":\"communityCode.outside-jurisdiction\"");
        });

    assertThat(auditEvents()).anySatisfy(event -> {
      assertThat(event.clientId()).isEqualTo("north-platform");
      assertThat(event.scope()).isEqualTo("community:" + SOUTH);
      assertThat(event.outcome()).isEqualTo("DENIED");
      assertThat(event.query()).isEqualTo("GET /api/v1/communities/" + SOUTH + "/persons?limit=10");
    });
  }

  @Test
  void auditsEveryReadWithItsCount() throws Exception {
    PersonPage page = client(DEMO_KEY).listCommunityPersons(SOUTH, null, 4, null, null, null, null, null, null);
    client(DEMO_KEY).listCommunityPersons(SOUTH, page.getPage().getNextCursor(), 4, null, null, null, null, null, null);

    List<AccessEvent> demoReads = auditEvents().stream().filter(e -> e.clientId().equals("demo")).toList();
    assertThat(demoReads).extracting(AccessEvent::recordCount).containsExactly(4, 2);
    assertThat(demoReads.get(0).recordIds())
        .containsExactlyElementsOf(page.getItems().stream().map(p -> p.getMasterId()).toList());
    assertThat(demoReads.get(0).query()).startsWith("GET /api/v1/communities/" + SOUTH + "/persons?").contains("limit=4");
    assertThat(demoReads).allSatisfy(event -> {
      assertThat(event.dataset()).isEqualTo("gold.person");
      assertThat(event.action()).isEqualTo("LIST");
      assertThat(event.scope()).isEqualTo("community:" + SOUTH);
      assertThat(event.purpose()).isEqualTo("demo");
      assertThat(event.unmasked()).isFalse();
      assertThat(event.outcome()).isEqualTo("OK");
    });
  }

  @Test
  void refusesRequestsWithoutAValidKey() throws Exception {
    assertThatThrownBy(() -> client("wrong-key").listCommunityPersons(NORTH, null, 10, null, null, null, null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(401);
          assertThat(e.getResponseBody()).contains("\"code\":\"apiKey.invalid\"");
        });
    HttpResponse<String> noKey = http("/api/v1/communities/" + NORTH + "/persons", null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(noKey.body()).contains("\"code\":\"apiKey.missing\"");
  }

  @Test
  void answersHealthWithoutAKey() throws Exception {
    HttpResponse<String> health = http("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void refusesAMalformedCursorWith400() {
    assertThatThrownBy(() -> client(NORTH_KEY).listCommunityPersons(NORTH, "bm9wZQ", 10, null, null, null, null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getResponseBody()).contains("\"code\":\"cursor.malformed\"");
        });
  }

  @Test
  void followsTheChangeFeedFromAStartingCursorThroughPagesOfMaskedInserts() throws Exception {
    ChangesApi api = new ChangesApi(apiClient(FEED_KEY));
    ChangePage start = api.listCommunityChanges(FEED, null, null);
    assertThat(start.getChanges()).isEmpty();
    List<MasterPerson> arrivals = TestPersons.of(FEED, 1, 3, 2028);
    String written;
    try (GoldPersonFixture lakehouse = GoldPersonFixture.existing(dataDir)) {
      written = Long.toString(lakehouse.append(arrivals));
    }

    ChangePage first = api.listCommunityChanges(FEED, start.getPage().getNextCursor(), 2);
    ChangePage second = api.listCommunityChanges(FEED, first.getPage().getNextCursor(), 2);
    ChangePage idle = api.listCommunityChanges(FEED, second.getPage().getNextCursor(), 2);

    assertThat(first.getPage().getHasMore()).isTrue();
    assertThat(second.getPage().getHasMore()).isFalse();
    List<PersonChange> changes = new ArrayList<>(first.getChanges());
    changes.addAll(second.getChanges());
    assertThat(changes).extracting(PersonChange::getMasterId)
        .containsExactlyElementsOf(arrivals.stream().map(MasterPerson::masterId).sorted().toList());
    assertThat(changes).allSatisfy(change -> {
      assertThat(change.getType()).isEqualTo(ChangeType.INSERT);
      assertThat(change.getSnapshotId()).isEqualTo(written);
      MasterPerson stored = arrivals.stream().filter(p -> p.masterId().equals(change.getMasterId())).findFirst().orElseThrow();
      assertThat(change.getPerson().getIdNumber()).isEqualTo("**************" + stored.idNumber().substring(14));
    });
    assertThat(idle.getChanges()).isEmpty();
    assertThat(idle.getPage().getNextCursor()).isEqualTo(second.getPage().getNextCursor());
    String raw = http("/api/v1/communities/" + FEED + "/changes?since=" + start.getPage().getNextCursor(), FEED_KEY).body();
    for (MasterPerson stored : arrivals) {
      assertThat(raw).contains(stored.masterId()).doesNotContain(stored.idNumber(), stored.phone());
    }
  }

  @Test
  void refusesAMalformedChangeCursorWith400NamingSince() {
    assertThatThrownBy(() -> new ChangesApi(apiClient(FEED_KEY)).listCommunityChanges(FEED, "bm9wZQ", 10))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getResponseBody()).contains("\"code\":\"since.malformed\"");
        });
  }

  @Test
  void readsAKeyPopulationAndTheCommunitysPlacesOrganizationsAndEventsThroughTheClient() throws Exception {
    org.cdhub.api.client.ApiClient sdk = apiClient(NORTH_KEY);

    // a key-population list: the roster with a tag, paged with its filters
    List<String> veterans = new ArrayList<>();
    String cursor = null;
    do {
      PersonPage page = new PersonsApi(sdk).listCommunityPersons(NORTH, cursor, 2, List.of("VETERAN"), null, null, null, null, null);
      page.getItems().forEach(p -> veterans.add(p.getMasterId()));
      cursor = page.getPage().getNextCursor();
    } while (cursor != null);
    assertThat(veterans).as("more than one page of them").hasSizeGreaterThan(2).containsExactlyElementsOf(
        north.stream().filter(p -> p.tags().contains("VETERAN")).map(MasterPerson::masterId).sorted().toList());

    // every house of the community, walked in pages of 20 from one snapshot, addresses masked
    List<Place> houses = new ArrayList<>();
    Set<String> snapshots = new HashSet<>();
    cursor = null;
    do {
      PlacePage page = new PlacesApi(sdk).listCommunityPlaces(NORTH, cursor, 20, PlaceKind.HOUSE, null);
      houses.addAll(page.getItems());
      snapshots.add(page.getPage().getSnapshotId());
      cursor = page.getPage().getNextCursor();
    } while (cursor != null);
    assertThat(houses).hasSize(TestPlaces.HOUSES).extracting(Place::getKind).containsOnly(PlaceKind.HOUSE);
    assertThat(snapshots).hasSize(1);
    for (Place house : houses) {
      int n = Integer.parseInt(house.getMasterId().substring(house.getMasterId().lastIndexOf('-') + 1));
      assertThat(house.getAddress()).isNotEqualTo(TestPlaces.houseAddress(n)).doesNotContain((101 + n) + "室");
    }

    List<Organization> organizations = new OrganizationsApi(sdk).listCommunityOrganizations(NORTH, null, null, null).getItems();
    assertThat(organizations).hasSize(3).allSatisfy(o -> assertThat(o.getLegalRepresentative()).contains("*"));

    EventPage day = new EventsApi(sdk).listCommunityEvents(NORTH, null, 100, null,
        java.time.OffsetDateTime.parse("2026-10-01T00:00:00+08:00"), java.time.OffsetDateTime.parse("2026-10-02T00:00:00+08:00"));
    // events happen hourly from 2026-10-01T00:00Z: the first 16 fall before midnight in UTC+8
    assertThat(day.getItems()).extracting(Event::getMasterId).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 16).mapToObj(n -> String.format("E-%s-%03d", NORTH, n)).toList());
    assertThat(day.getItems()).allSatisfy(e -> assertThat(e.getDescription()).doesNotContain("13912345678"));

    assertThatThrownBy(() -> new EventsApi(sdk).listCommunityEvents(SOUTH, null, null, null, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    List<AccessEvent> audited = auditEvents();
    assertThat(audited).anySatisfy(e -> {
      assertThat(e.dataset()).isEqualTo("gold.event");
      assertThat(e.outcome()).isEqualTo("OK");
      assertThat(e.recordIds()).hasSize(16);
    });
    assertThat(audited).anySatisfy(e -> {
      assertThat(e.dataset()).isEqualTo("gold.place");
      assertThat(e.clientId()).isEqualTo("north-platform");
    });
    assertThat(audited).anySatisfy(e -> {
      assertThat(e.dataset()).isEqualTo("gold.event");
      assertThat(e.outcome()).isEqualTo("DENIED");
      assertThat(e.scope()).isEqualTo("community:" + SOUTH);
    });
  }

  @Test
  void describesGoldPersonFromTheCatalog() throws Exception {
    Dataset gold = new CatalogApi(apiClient(DEMO_KEY)).getDataset("gold.person");

    assertThat(gold.getQualifiedName()).isEqualTo("gold.person");
    assertThat(gold.getRowCount()).isEqualTo(north.size() + south.size());
    assertThat(gold.getContainsPersonalData()).isTrue();
    assertThat(gold.getFields()).anySatisfy(f -> {
      assertThat(f.getName()).isEqualTo("phone");
      assertThat(f.getSensitivity()).isEqualTo(Sensitivity.PERSONAL);
    });
  }

  private PersonsApi client(String key) {
    return new PersonsApi(apiClient(key));
  }

  private org.cdhub.api.client.ApiClient apiClient(String key) {
    org.cdhub.api.client.ApiClient client = new org.cdhub.api.client.ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    client.setRequestInterceptor(request -> request.header("X-API-Key", key));
    return client;
  }

  private HttpResponse<String> http(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (key != null) {
      request.header("X-API-Key", key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<AccessEvent> auditEvents() {
    // a second connection to the same SQLite file: what an auditor would read
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      List<AccessEvent> events = new ArrayList<>(catalog.auditLog().recent(1000));
      java.util.Collections.reverse(events);
      return events;
    }
  }
}
