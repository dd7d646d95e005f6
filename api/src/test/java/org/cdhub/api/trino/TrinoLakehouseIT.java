package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cdhub.api.HubApiApplication;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.client.api.PersonsApi;
import org.cdhub.api.client.model.Person;
import org.cdhub.api.client.model.PersonPage;
import org.cdhub.api.returndata.CommunityPersonService;
import org.cdhub.api.returndata.DatasetUnavailableException;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.GoldTableReader;
import org.cdhub.api.returndata.IcebergGoldPersonRepository;
import org.cdhub.api.returndata.InvalidCursorException;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.returndata.ProjectedGoldPersonRepository;
import org.cdhub.api.returndata.PageCursor;
import org.cdhub.api.returndata.ServedTables;
import org.cdhub.api.returndata.CommunityPage;
import org.cdhub.api.returndata.MaskedPerson;
import org.cdhub.api.returndata.SnapshotExpiredException;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Trino 476 server (Temurin 25, Iceberg connector) reading the gold.person table that the
 * plain Iceberg Java API wrote into an Iceberg JDBC catalog on this machine's PostgreSQL: the
 * cluster profile's data path. Rosters read through {@link TrinoLakehouse} must equal the
 * embedded projection's, masked and audited the same; older snapshots stay readable; bad
 * columns are refused. One server for the class (it takes ~20 s to start).
 */
class TrinoLakehouseIT {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);
  static final ApiClient NORTH_PLATFORM = new ApiClient("north-platform", "community-governance", Set.of(NORTH));
  static final String DEMO_KEY = "demo-key-trino-it-0123456789";

  @TempDir static Path dir;
  static PostgresLakehouse postgres;
  static GoldPersonFixture gold;
  static TrinoServer trino;
  static TrinoLakehouse lakehouse;
  static CatalogDatabase catalogDatabase;

  static List<MasterPerson> northAtFirst;
  static List<MasterPerson> northNow;
  static List<MasterPerson> south;
  static MasterPerson renamedBefore;
  static MasterPerson renamedAfter;
  static long firstSnapshot;
  static long currentSnapshot;

  @BeforeAll
  static void publishGoldPersonAndStartTrino() throws Exception {
    Optional<String> down = PostgresLakehouse.unreachable();
    assumeTrue(down.isEmpty(), () -> down.get() + "; the Trino integration test needs it for the JDBC catalog");
    long start = System.nanoTime();
    postgres = PostgresLakehouse.create(dir);
    gold = GoldPersonFixture.create(postgres.openCatalog());
    northAtFirst = sorted(TestPersons.of(NORTH, 1, 23, 2026));
    south = sorted(TestPersons.of(SOUTH, 1, 6, 2027));
    firstSnapshot = gold.append(Stream.concat(northAtFirst.stream(), south.stream()).toList());

    // a merge run: one person renamed, one gone, two new ones (merge-on-read: equality deletes)
    renamedBefore = northAtFirst.get(3);
    renamedAfter = renamed(renamedBefore, "欧阳新名");
    MasterPerson gone = northAtFirst.get(7);
    List<MasterPerson> arrived = TestPersons.of(NORTH, 100, 2, 99);
    List<MasterPerson> written = new ArrayList<>(arrived);
    written.add(renamedAfter);
    currentSnapshot = gold.replace(List.of(renamedBefore, gone), written);
    List<MasterPerson> now = new ArrayList<>(northAtFirst);
    now.remove(gone);
    now.set(now.indexOf(renamedBefore), renamedAfter);
    now.addAll(arrived);
    northNow = sorted(now);
    long written1 = System.nanoTime();

    trino = TrinoServer.start(Files.createDirectories(dir.resolve("trino")), postgres.config());
    long started = System.nanoTime();
    lakehouse = new TrinoLakehouse(TrinoConfig.at(trino.jdbcUrl()), Clock.systemUTC());
    catalogDatabase = CatalogDatabase.open(CatalogConfig.embedded(Files.createDirectories(dir.resolve("audit"))));
    System.out.printf("TrinoLakehouseIT: gold.person written in %d ms, Trino %s ready in %d ms%n",
        (written1 - start) / 1_000_000, TrinoServer.VERSION, (started - written1) / 1_000_000);
  }

  @AfterAll
  static void stopTrino() throws Exception {
    // each step on its own, so that one failing cannot leave the server or the database behind
    try (AutoCloseable db = postgres; AutoCloseable g = gold; AutoCloseable t = trino; AutoCloseable l = lakehouse;
        AutoCloseable c = catalogDatabase) {
      // closed in reverse order: the audit database, the driver, the server, the catalog, then the database
    }
  }

  @Test
  void rosterPagesThroughTrinoEqualTheProjectionsPagesMaskedTheSame() {
    PersonMasking masking = new PersonMasking(CLOCK);
    PersonalDataAudit audit = new PersonalDataAudit(catalogDatabase.auditLog(), CLOCK);
    CommunityPersonService throughTrino = new CommunityPersonService(new TrinoGoldPersonRepository(lakehouse), masking,
        ServedTables.pager(gold.catalog(), audit, CLOCK));
    ProjectedGoldPersonRepository projection = new ProjectedGoldPersonRepository(
        GoldTableReader.persons(gold.catalog()), CLOCK, Duration.ofMinutes(10));
    CommunityPersonService inMemory = new CommunityPersonService(projection, masking,
        ServedTables.pager(gold.catalog(), audit, CLOCK));

    List<String> walked = new ArrayList<>();
    List<Double> pageMillis = new ArrayList<>();
    String trinoCursor = null;
    String projectionCursor = null;
    int pages = 0;
    do {
      AuditedQuery query = AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "limit=5");
      long before = System.nanoTime();
      CommunityPage<MaskedPerson> viaTrino = throughTrino.list(NORTH_PLATFORM, query, NORTH, trinoCursor, 5);
      pageMillis.add((System.nanoTime() - before) / 1e6);
      CommunityPage<MaskedPerson> viaProjection = inMemory.list(NORTH_PLATFORM, query, NORTH, projectionCursor, 5);
      assertThat(viaTrino).isEqualTo(viaProjection);
      assertThat(viaTrino.snapshotId()).isEqualTo(currentSnapshot);
      List<String> ids = viaTrino.items().stream().map(p -> p.masterId()).toList();
      walked.addAll(ids);
      // the audit names exactly the persons the Trino page returned (newest entry: the projection's page, same ids)
      List<AccessEvent> recent = catalogDatabase.auditLog().recent(2);
      assertThat(recent).allSatisfy(e -> {
        assertThat(e.dataset()).isEqualTo("gold.person");
        assertThat(e.recordIds()).isEqualTo(ids);
        assertThat(e.unmasked()).isFalse();
      });
      trinoCursor = viaTrino.nextCursor();
      projectionCursor = viaProjection.nextCursor();
      pages++;
    } while (trinoCursor != null);

    System.out.printf("TrinoLakehouseIT: roster pages through Trino took %s ms%n",
        pageMillis.stream().map(ms -> String.format("%.0f", ms)).toList());
    assertThat(pages).isEqualTo(5); // 23 - 1 + 2 = 24 persons, 5 a page
    assertThat(walked).containsExactlyElementsOf(northNow.stream().map(MasterPerson::masterId).toList());
  }

  @Test
  void masksWhatTrinoReadsFromTheStoredValues() {
    PersonMasking masking = new PersonMasking(CLOCK);
    CommunityPage<MaskedPerson> page = new CommunityPersonService(new TrinoGoldPersonRepository(lakehouse), masking,
        ServedTables.pager(gold.catalog(), new PersonalDataAudit(catalogDatabase.auditLog(), CLOCK), CLOCK))
        .list(NORTH_PLATFORM, AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons", "limit=50"), NORTH, null, 50);

    assertThat(page.items()).hasSize(northNow.size());
    for (int i = 0; i < northNow.size(); i++) {
      MasterPerson stored = northNow.get(i);
      var shown = page.items().get(i);
      assertThat(shown.masterId()).isEqualTo(stored.masterId());
      assertThat(shown.idNumber()).isEqualTo("**************" + stored.idNumber().substring(14));
      assertThat(shown.phone()).endsWith(stored.phone().substring(7)).doesNotContain(stored.phone().substring(3, 7));
      assertThat(shown.birthYear()).isEqualTo(stored.birthDate().getYear());
    }
  }

  @Test
  void readsAnOlderSnapshotThroughForVersionAsOf() {
    TrinoGoldPersonRepository persons = new TrinoGoldPersonRepository(lakehouse);

    List<MasterPerson> atFirst = persons.findByCommunityAfter(NORTH, firstSnapshot, null, 100);
    List<MasterPerson> now = persons.findByCommunityAfter(NORTH, currentSnapshot, null, 100);

    assertThat(atFirst).extracting(MasterPerson::masterId)
        .containsExactlyElementsOf(northAtFirst.stream().map(MasterPerson::masterId).toList());
    assertThat(now).extracting(MasterPerson::masterId)
        .containsExactlyElementsOf(northNow.stream().map(MasterPerson::masterId).toList());
    assertThat(byId(atFirst, renamedBefore.masterId()).name()).isEqualTo(renamedBefore.name());
    assertThat(byId(now, renamedAfter.masterId()).name()).isEqualTo("欧阳新名");
    // field for field what the plain Iceberg API reads at that snapshot: dates, tags, counts, timestamps
    assertThat(atFirst).isEqualTo(new IcebergGoldPersonRepository(gold.catalog()).findByCommunityAfter(NORTH, firstSnapshot, null, 100));
  }

  @Test
  void aCursorKeepsItsSnapshotAfterANewerOneLanded() {
    CommunityPersonService service = new CommunityPersonService(new TrinoGoldPersonRepository(lakehouse), new PersonMasking(CLOCK),
        ServedTables.pager(gold.catalog(), new PersonalDataAudit(catalogDatabase.auditLog(), CLOCK), CLOCK));
    // a walk that began before the merge run: it has seen the first three persons of the first snapshot
    String cursor = new PageCursor("persons", NORTH, firstSnapshot, northAtFirst.get(2).masterId()).encode();

    CommunityPage<MaskedPerson> page = service.list(NORTH_PLATFORM, AuditedQuery.of("GET", "/x", "limit=3"), NORTH, cursor, 3);

    assertThat(page.snapshotId()).isEqualTo(firstSnapshot);
    assertThat(page.items()).extracting(p -> p.masterId())
        .containsExactlyElementsOf(northAtFirst.subList(3, 6).stream().map(MasterPerson::masterId).toList());
    assertThat(page.items().get(0).name()).isEqualTo(new PersonMasking(CLOCK).mask(renamedBefore).name());
  }

  @Test
  void aSnapshotTheTableDoesNotKeepIsExpired() {
    TrinoGoldPersonRepository persons = new TrinoGoldPersonRepository(lakehouse);
    long unknown = 4_242_424_242L;

    assertThatThrownBy(() -> persons.findByCommunityAfter(NORTH, unknown, null, 10))
        .isInstanceOf(SnapshotExpiredException.class)
        .hasMessage("Cannot read gold.person at snapshot " + unknown + ": the table no longer keeps it");
    CommunityPersonService service = new CommunityPersonService(persons, new PersonMasking(CLOCK),
        ServedTables.pager(gold.catalog(), new PersonalDataAudit(catalogDatabase.auditLog(), CLOCK), CLOCK));
    String cursor = new PageCursor("persons", NORTH, unknown, northAtFirst.get(0).masterId()).encode();
    assertThatThrownBy(() -> service.list(NORTH_PLATFORM, AuditedQuery.of("GET", "/x", null), NORTH, cursor, 5))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.rule()).isEqualTo("expired"));
  }

  @Test
  void refusesAColumnTheTableDoesNotHave() {
    DatasetQuery query = DatasetQuery.from(TrinoGoldPersonRepository.TABLE).select("master_id", "salary");

    assertThatThrownBy(() -> lakehouse.select(query))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
          assertThat(e.field()).isEqualTo("columns");
          assertThat(e.rule()).isEqualTo("unknown-column");
        })
        .hasMessage("Cannot query gold.person: it has no column 'salary'");
    assertThatThrownBy(() -> lakehouse.select(DatasetQuery.from(TrinoGoldPersonRepository.TABLE).where("salary", "1")))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule())
            .isEqualTo("filter.unknown-column"));
    assertThatThrownBy(() -> lakehouse.select(DatasetQuery.from(TrinoGoldPersonRepository.TABLE)
        .select("master_id").orderBy("tags").after("x")))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule())
            .isEqualTo("after.not-comparable"));
  }

  @Test
  void aTableThatDoesNotExistIsAnUnavailableDataset() {
    assertThatThrownBy(() -> lakehouse.currentSnapshotId(new TableName("gold", "household")))
        .isInstanceOf(DatasetUnavailableException.class)
        .hasMessageContaining("gold.household does not exist");
    assertThatThrownBy(() -> lakehouse.select(DatasetQuery.from(new TableName("gold", "household"))))
        .isInstanceOf(DatasetUnavailableException.class);
  }

  @Test
  void adHocQuerySelectsColumnsWithEqualityFiltersOnAnyType() {
    List<MasterPerson> women = south.stream().filter(p -> p.sex().name().equals("FEMALE")).toList();
    assertThat(women).isNotEmpty();

    DatasetRows rows = lakehouse.select(DatasetQuery.from(new TableName("gold", "person"))
        .select("master_id", "birth_date", "tags", "source_count")
        .where("community_code", SOUTH)
        .where("sex", "FEMALE")
        .orderBy("master_id")
        .limit(50));

    assertThat(rows.columns()).containsExactly("master_id", "birth_date", "tags", "source_count");
    assertThat(rows.rows()).hasSize(women.size());
    for (int i = 0; i < women.size(); i++) {
      Map<String, Object> row = rows.rows().get(i);
      assertThat(row.get("master_id")).isEqualTo(women.get(i).masterId());
      assertThat(row.get("birth_date")).isEqualTo(women.get(i).birthDate());
      assertThat(row.get("tags")).isEqualTo(women.get(i).tags());
      assertThat(row.get("source_count")).isEqualTo(women.get(i).sourceCount());
    }
    // a date filter given as text is compared as a date; a table name without schema is in hub.trino.schema
    MasterPerson one = south.get(2);
    DatasetRows born = lakehouse.select(DatasetQuery.from(lakehouse.table("person"))
        .select("master_id").where("birth_date", one.birthDate().toString()).where("community_code", SOUTH));
    assertThat(born.rows()).extracting(r -> r.get("master_id"))
        .containsExactlyElementsOf(south.stream().filter(p -> p.birthDate().equals(one.birthDate()))
            .map(MasterPerson::masterId).toList());
  }

  @Test
  void adHocQueryReadsEveryColumnWhenNoneAreNamedAndHoldsToTheRowCap() {
    DatasetRows rows = lakehouse.select(DatasetQuery.from(new TableName("gold", "person")).where("community_code", SOUTH)
        .limit(4));

    assertThat(rows.rows()).hasSize(4);
    assertThat(rows.columns()).startsWith("master_id", "id_number").contains("provenance", "updated_at");
    assertThat(rows.rows().get(0).get("updated_at")).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    assertThatThrownBy(() -> lakehouse.select(DatasetQuery.from(new TableName("gold", "person")).limit(10_001)))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule()).isEqualTo("limit.max"));
  }

  @Test
  void theApiInTrinoModeServesTheRosterOverHttp() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("api-data"));
    try (ConfigurableApplicationContext api = new SpringApplicationBuilder(HubApiApplication.class).run(
        "--server.port=0",
        "--hub.data-dir=" + dataDir,
        "--hub.lakehouse.catalog-uri=" + postgres.config().catalogUri(),
        "--hub.lakehouse.warehouse=" + postgres.config().warehouse(),
        "--hub.serving.source=trino",
        "--hub.trino.jdbc-url=" + trino.jdbcUrl(),
        "--hub.api.demo-key=" + DEMO_KEY,
        "--hub.api.demo-communities=" + NORTH)) {
      int port = ((WebServerApplicationContext) api).getWebServer().getPort();
      org.cdhub.api.client.ApiClient client = new org.cdhub.api.client.ApiClient();
      client.updateBaseUri("http://127.0.0.1:" + port);
      client.setRequestInterceptor(request -> request.header("X-API-Key", DEMO_KEY));

      PersonPage page = new PersonsApi(client).listCommunityPersons(NORTH, null, 10, null, null, null, null, null, null);

      assertThat(page.getPage().getSnapshotId()).isEqualTo(Long.toString(currentSnapshot));
      assertThat(page.getItems()).extracting(Person::getMasterId)
          .containsExactlyElementsOf(northNow.subList(0, 10).stream().map(MasterPerson::masterId).toList());
      assertThat(page.getMasked()).isTrue();
      assertThat(api.getBean(org.cdhub.api.returndata.GoldPersonRepository.class)).isInstanceOf(TrinoGoldPersonRepository.class);
    }
  }

  private static MasterPerson byId(List<MasterPerson> persons, String masterId) {
    return persons.stream().filter(p -> p.masterId().equals(masterId)).findFirst().orElseThrow();
  }

  private static List<MasterPerson> sorted(List<MasterPerson> persons) {
    return persons.stream().sorted(Comparator.comparing(MasterPerson::masterId)).toList();
  }

  private static MasterPerson renamed(MasterPerson p, String name) {
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), name, p.namePinyin(), p.sex(), p.birthDate(),
        p.phone(), p.address(), p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), p.tags(), p.status(), p.provenance(),
        p.sourceCount() + 1, Instant.parse("2026-11-19T08:00:00Z"));
  }
}
