package org.cdhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security rules of issue 6 against the whole API over HTTP, a real gold.person table and a
 * real catalog database: randomized (seeded) jurisdictions and requests checked against a model
 * of the rules written here, forged and expired keys, and unmasking with and without a grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiSecurityTest {
  static final long SEED = 20261206L;
  static final List<String> COMMUNITIES = List.of("640106001001", "640106001002", "640106002001", "640104003001");
  /** Codes jurisdictions are drawn from: every level, with and without data under them. */
  static final List<String> CODE_POOL = codePool();
  static final Map<String, Client> RANDOM_CLIENTS = randomClients(new Random(SEED), 12);
  static final Client CITY = new Client("city-wide", key(new Random(SEED + 1), "city-wide"), List.of("640106", "640104"));
  static final Client HOLDER = new Client("grant-holder", key(new Random(SEED + 2), "grant-holder"),
      List.of("640106001001", "640106001002"));
  static final Client NO_GRANTS = new Client("no-grants", key(new Random(SEED + 3), "no-grants"), List.of("640106001001"));
  static final Client GRID_WORKER = new Client("grid-worker", key(new Random(SEED + 4), "grid-worker"),
      List.of("640106001001002"));
  static final String EXPIRED_KEY = key(new Random(SEED + 5), "expired");
  static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

  @TempDir static Path dataDir;
  /** gold.person as the table holds it: the first snapshot, then the one the tests read. */
  static Map<String, MasterPerson> atFirst;
  static Map<String, MasterPerson> current;
  static long firstSnapshot;
  static long currentSnapshot;
  static UnmaskGrant idAndPhone;
  /** Change cursors of each community at the first snapshot, taken before the merge run. */
  static final Map<String, String> startCursors = new HashMap<>();

  record Client(String id, String key, List<String> codes) {}

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void hubProperties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> dataDir.toString());
    registry.add("hub.serving.refresh-interval", () -> "100ms");
    List<Client> all = new ArrayList<>(RANDOM_CLIENTS.values());
    all.addAll(List.of(CITY, HOLDER, NO_GRANTS, GRID_WORKER));
    for (Client c : all) {
      registry.add("hub.api.clients." + c.id() + ".key-sha256", () -> ApiClients.sha256Hex(c.key()));
      registry.add("hub.api.clients." + c.id() + ".jurisdiction", () -> String.join(",", c.codes()));
      registry.add("hub.api.clients." + c.id() + ".requests-per-second", () -> "10000");
    }
    registry.add("hub.api.clients.expired.key-sha256", () -> ApiClients.sha256Hex(EXPIRED_KEY));
    registry.add("hub.api.clients.expired.communities", () -> COMMUNITIES.get(0));
    registry.add("hub.api.clients.expired.expires-at", LONG_AGO::toString);
  }

  @BeforeAll
  static void publishGoldPersonsAndGrants() {
    List<MasterPerson> persons = new ArrayList<>();
    for (int i = 0; i < COMMUNITIES.size(); i++) {
      persons.addAll(TestPersons.of(COMMUNITIES.get(i), 1, 18, SEED + i));
    }
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      firstSnapshot = lakehouse.append(persons);
    }
    atFirst = byId(persons);
    current = atFirst;
    currentSnapshot = firstSnapshot;
    Instant now = Instant.now();
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      idAndPhone = catalog.unmaskGrants().grant(UnmaskGrant.request(HOLDER.id(),
          EnumSet.of(UnmaskableField.ID_NUMBER, UnmaskableField.PHONE), "subsidy-review", "640106001001",
          now.plus(Duration.ofDays(30)), "wang.datagov", now));
      catalog.unmaskGrants().grant(UnmaskGrant.request(HOLDER.id(), EnumSet.of(UnmaskableField.NAME), "census", null,
          now.minus(Duration.ofDays(1)), "wang.datagov", now.minus(Duration.ofDays(2))));
      UnmaskGrant address = catalog.unmaskGrants().grant(UnmaskGrant.request(HOLDER.id(),
          EnumSet.of(UnmaskableField.ADDRESS), "relocation", null, now.plus(Duration.ofDays(30)), "wang.datagov", now));
      catalog.unmaskGrants().revoke(address.id(), "zhao.datagov", now);
    }
  }

  /**
   * Many random (client, community, master id) requests over the roster, the person record, the
   * change feed across a merge that moves persons between grids, and report exports: nothing
   * outside the client's jurisdiction (or grids) ever comes back, and every answer and refusal is
   * the next entry of the audit log, in order.
   */
  @Test
  void neverReturnsARecordOutsideTheJurisdictionAndAuditsEveryRefusal() throws Exception {
    ensureMerged();
    long auditHead = auditHead();
    Random random = new Random(SEED + 100);
    List<Client> clients = new ArrayList<>(RANDOM_CLIENTS.values());
    clients.add(GRID_WORKER);
    List<String> ids = new ArrayList<>(new TreeSet<>(current.keySet()));
    List<ExpectedAudit> expected = new ArrayList<>();
    int allowed = 0;
    int refused = 0;
    for (int i = 0; i < 400; i++) {
      Client client = clients.get(random.nextInt(clients.size()));
      String community = randomCommunity(random);
      boolean covered = coversCommunity(client, community);
      int kind = random.nextInt(4);
      String path;
      Reply reply;
      if (kind == 0) {
        path = "/api/v1/communities/" + community + "/persons?limit=500";
        reply = get(path, client.key());
        if (covered) {
          assertThat(reply.status()).as(client + " " + path).isEqualTo(200);
          List<String> shown = masterIds(reply.body().get("items"));
          assertThat(shown).as(client + " " + path).containsExactlyElementsOf(visible(client, community, current));
          for (JsonNode p : reply.body().get("items")) {
            assertThat(sees(client, p.get("communityCode").asText(), p.get("gridCode").asText(null))).isTrue();
          }
          expected.add(ExpectedAudit.ok(client, "LIST", shown));
        }
      } else if (kind == 1) {
        String masterId = random.nextInt(5) == 0 ? "P-" + community + "-9" + random.nextInt(1000) : ids.get(random.nextInt(ids.size()));
        path = "/api/v1/communities/" + community + "/persons/" + masterId;
        reply = get(path, client.key());
        MasterPerson p = current.get(masterId);
        if (covered && p != null && p.communityCode().equals(community) && sees(client, community, p.gridCode())) {
          assertThat(reply.status()).as(client + " " + path).isEqualTo(200);
          assertThat(reply.body().get("person").get("masterId").asText()).isEqualTo(masterId);
          expected.add(ExpectedAudit.ok(client, "LIST", List.of(masterId)));
        } else if (covered) {
          // another community's or another grid's person is "not found", like one that does not exist
          assertThat(reply.status()).as(client + " " + path).isEqualTo(404);
          assertThat(reply.body().get("code").asText()).isEqualTo("masterId.not-found");
        }
      } else if (kind == 2) {
        String cursor = startCursors.get(community);
        path = "/api/v1/communities/" + community + "/changes?limit=1000" + (cursor == null ? "" : "&since=" + cursor);
        reply = get(path, client.key());
        if (covered) {
          assertThat(reply.status()).as(client + " " + path).isEqualTo(200);
          Map<String, String> changes = new TreeMap<>();
          for (JsonNode c : reply.body().get("changes")) {
            changes.put(c.get("masterId").asText(), c.get("type").asText());
            if (c.hasNonNull("person")) {
              assertThat(sees(client, community, c.get("person").get("gridCode").asText(null))).isTrue();
            }
          }
          assertThat(changes).as(client + " " + path)
              .isEqualTo(cursor == null ? Map.of() : expectedChanges(client, community));
          expected.add(ExpectedAudit.ok(client, "CHANGES", new ArrayList<>(changes.keySet())));
        }
      } else {
        path = "/api/v1/communities/" + community + "/reports/elderly-alone";
        reply = getText(path, client.key());
        if (covered) {
          assertThat(reply.status()).as(client + " " + path).isEqualTo(200);
          List<String> listed = new ArrayList<>();
          Matcher m = Pattern.compile("P-[0-9]{12}-[0-9]{5}").matcher(reply.text());
          while (m.find()) {
            listed.add(m.group());
          }
          assertThat(listed).as(client + " " + path).containsExactlyElementsOf(visible(client, community, current).stream()
              .filter(id -> current.get(id).tags().contains("ELDERLY_ALONE")).toList());
          expected.add(ExpectedAudit.ok(client, "LIST", listed));
        }
      }
      if (!covered) {
        assertThat(reply.status()).as(client + " " + path).isEqualTo(403);
        assertThat(reply.text()).contains("\"code\":\"communityCode.outside-jurisdiction\"");
        expected.add(new ExpectedAudit(client.id(), kind == 2 ? "CHANGES" : "LIST", "DENIED", "community:" + community, List.of()));
        refused++;
      } else if (reply.status() == 200) {
        allowed++;
      }
    }
    // the seed gives a mix: both outcomes must have been tried many times
    assertThat(allowed).isGreaterThan(40);
    assertThat(refused).isGreaterThan(40);
    List<AccessEvent> written = auditSince(auditHead);
    assertThat(written).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      ExpectedAudit e = expected.get(i);
      AccessEvent w = written.get(i);
      assertThat(w.clientId()).as("audit entry " + i).isEqualTo(e.clientId());
      assertThat(w.action()).as("audit entry " + i).isEqualTo(e.action());
      assertThat(w.outcome()).as("audit entry " + i).isEqualTo(e.outcome());
      assertThat(w.recordIds()).as("audit entry " + i).isEqualTo(e.recordIds());
      assertThat(w.unmasked()).isFalse();
      if (e.scope() != null) {
        assertThat(w.scope()).isEqualTo(e.scope());
      }
    }
  }

  @Test
  void aGridWorkerSeesOnlyItsGridAndAuditsItsGridScope() throws Exception {
    ensureMerged();
    String community = "640106001001";
    Reply roster = get("/api/v1/communities/" + community + "/persons?limit=500", GRID_WORKER.key());

    assertThat(roster.status()).isEqualTo(200);
    assertThat(roster.body().get("items")).isNotEmpty().allSatisfy(p ->
        assertThat(p.get("gridCode").asText()).isEqualTo("640106001001002"));
    AccessEvent audited = auditSince(auditHead() - 1).get(0);
    assertThat(audited.scope()).isEqualTo("community:640106001001/grid:640106001001002");
    String otherGrid = current.values().stream()
        .filter(p -> p.communityCode().equals(community) && !"640106001001002".equals(p.gridCode()))
        .findFirst().orElseThrow().masterId();
    assertThat(get("/api/v1/communities/" + community + "/persons/" + otherGrid, GRID_WORKER.key()).status()).isEqualTo(404);
    assertThat(get("/api/v1/communities/640106001002/persons", GRID_WORKER.key()).status()).isEqualTo(403);
  }

  @Test
  void refusesMissingUnknownExpiredAndForgedKeysWith401() throws Exception {
    String path = "/api/v1/communities/" + COMMUNITIES.get(0) + "/persons";
    assertThat(get(path, null)).satisfies(r -> assertProblem(r, 401, "apiKey.missing"));
    assertThat(get(path, EXPIRED_KEY)).satisfies(r -> assertProblem(r, 401, "apiKey.expired"));
    Random random = new Random(SEED + 200);
    List<Client> clients = new ArrayList<>(RANDOM_CLIENTS.values());
    for (int i = 0; i < 40; i++) {
      Client victim = clients.get(random.nextInt(clients.size()));
      Client other = clients.get(random.nextInt(clients.size()));
      String secret = victim.key().substring(victim.key().lastIndexOf('_') + 1);
      List<String> forgeries = List.of(
          // unknown: a well-formed key nobody was given
          key(random, "random-" + random.nextInt(100)),
          // right prefix, wrong secret
          "cdhub_" + victim.id() + "_" + hex(random, secret.length() / 2),
          // right prefix, secret one character off
          victim.key().substring(0, victim.key().length() - 1) + (victim.key().endsWith("0") ? "1" : "0"),
          // another client's secret under this client's id
          "cdhub_" + victim.id() + "_" + other.key().substring(other.key().lastIndexOf('_') + 1),
          // this client's key with the id tampered
          victim.key().replace("cdhub_" + victim.id() + "_", "cdhub_" + victim.id() + "x_"));
      for (String forged : forgeries) {
        if (!forged.equals(victim.key()) && !forged.equals(other.key())) {
          assertThat(get(path, forged)).as(forged).satisfies(r -> assertProblem(r, 401, "apiKey.invalid"));
        }
      }
    }
  }

  @Test
  void unmasksGrantedFieldsOnRosterAndPersonAndAuditsTheGrant() throws Exception {
    ensureMerged();
    String community = "640106001001";
    Reply masked = get("/api/v1/communities/" + community + "/persons?limit=500", HOLDER.key());
    Reply unmasked = get("/api/v1/communities/" + community + "/persons?limit=500&unmask=idNumber,phone&purpose=subsidy-review",
        HOLDER.key());

    assertThat(masked.body().get("masked").asBoolean()).isTrue();
    assertThat(masked.body().get("unmaskedFields")).isEmpty();
    assertThat(unmasked.status()).isEqualTo(200);
    assertThat(unmasked.body().get("masked").asBoolean()).isFalse();
    assertThat(unmasked.body().get("unmaskedFields")).extracting(JsonNode::asText).containsExactly("idNumber", "phone");
    for (JsonNode p : unmasked.body().get("items")) {
      MasterPerson stored = current.get(p.get("masterId").asText());
      assertThat(p.get("idNumber").asText()).isEqualTo(stored.idNumber());
      assertThat(p.get("phone").asText()).isEqualTo(stored.phone());
      assertThat(p.get("name").asText()).isNotEqualTo(stored.name()).contains("*");
      assertThat(p.get("address").asText()).isNotEqualTo(stored.address());
    }
    for (MasterPerson stored : current.values()) {
      assertThat(masked.text()).doesNotContain(stored.idNumber(), stored.phone());
    }
    AccessEvent rosterAudit = auditSince(auditHead() - 1).get(0);
    assertThat(rosterAudit.unmasked()).isTrue();
    assertThat(rosterAudit.grantId()).isEqualTo(idAndPhone.id());
    assertThat(rosterAudit.purpose()).isEqualTo("subsidy-review");
    assertThat(rosterAudit.outcome()).isEqualTo("OK");
    assertThat(rosterAudit.query()).contains("unmask=idNumber,phone");

    String id = masterIds(unmasked.body().get("items")).get(0);
    Reply one = get("/api/v1/communities/" + community + "/persons/" + id + "?unmask=phone&purpose=subsidy-review", HOLDER.key());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().get("person").get("phone").asText()).isEqualTo(current.get(id).phone());
    assertThat(one.body().get("person").get("idNumber").asText()).isNotEqualTo(current.get(id).idNumber());
    assertThat(one.body().get("unmaskedFields")).extracting(JsonNode::asText).containsExactly("phone");
    assertThat(auditSince(auditHead() - 1).get(0).grantId()).isEqualTo(idAndPhone.id());
  }

  @Test
  void refusesUnmaskingWithoutAValidGrantNamingTheFieldAndAuditsIt() throws Exception {
    ensureMerged();
    record Attempt(Client client, String community, String query, String field, String purpose) {}
    List<Attempt> attempts = List.of(
        new Attempt(NO_GRANTS, "640106001001", "unmask=idNumber&purpose=subsidy-review", "idNumber", "subsidy-review"),
        new Attempt(HOLDER, "640106001001", "unmask=name&purpose=census", "name", "census"), // expired
        new Attempt(HOLDER, "640106001001", "unmask=address&purpose=relocation", "address", "relocation"), // revoked
        new Attempt(HOLDER, "640106001001", "unmask=idNumber&purpose=census", "idNumber", "census"), // other purpose
        new Attempt(HOLDER, "640106001001", "unmask=idNumber,name&purpose=subsidy-review", "name", "subsidy-review"), // other field
        new Attempt(HOLDER, "640106001002", "unmask=idNumber&purpose=subsidy-review", "idNumber", "subsidy-review")); // other community
    String someone = current.values().stream().filter(p -> p.communityCode().equals("640106001001")).findFirst().orElseThrow().masterId();
    for (Attempt a : attempts) {
      for (String path : List.of("/api/v1/communities/" + a.community() + "/persons?" + a.query(),
          "/api/v1/communities/" + a.community() + "/persons/" + someone + "?" + a.query())) {
        long head = auditHead();
        Reply reply = get(path, a.client().key());

        assertProblem(reply, 403, "unmask.not-granted");
        assertThat(reply.body().get("detail").asText()).as(path).startsWith("Cannot unmask " + a.field() + " ");
        List<AccessEvent> audited = auditSince(head);
        assertThat(audited).as(path).singleElement().satisfies(e -> {
          assertThat(e.outcome()).isEqualTo("DENIED");
          assertThat(e.clientId()).isEqualTo(a.client().id());
          assertThat(e.purpose()).isEqualTo(a.purpose());
          assertThat(e.unmasked()).isFalse();
          assertThat(e.grantId()).isNull();
          assertThat(e.recordCount()).isZero();
        });
        for (MasterPerson stored : current.values()) {
          assertThat(reply.text()).doesNotContain(stored.idNumber(), stored.phone());
        }
      }
    }
  }

  @Test
  void aRevokedGrantStopsUnmaskingAtOnce() throws Exception {
    String path = "/api/v1/communities/640106001001/persons?unmask=name&purpose=door-to-door";
    UnmaskGrant grant;
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      grant = catalog.unmaskGrants().grant(UnmaskGrant.request(NO_GRANTS.id(), EnumSet.of(UnmaskableField.NAME),
          "door-to-door", null, Instant.now().plus(Duration.ofHours(1)), "wang.datagov", Instant.now()));
    }
    assertThat(get(path, NO_GRANTS.key()).status()).isEqualTo(200);

    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.unmaskGrants().revoke(grant.id(), "zhao.datagov", Instant.now());
    }

    assertProblem(get(path, NO_GRANTS.key()), 403, "unmask.not-granted");
  }

  @Test
  void refusesAMalformedUnmaskRequestWith400() throws Exception {
    String persons = "/api/v1/communities/640106001001/persons";
    assertProblem(get(persons + "?unmask=idNumber", HOLDER.key()), 400, "purpose.required");
    assertProblem(get(persons + "?purpose=subsidy-review", HOLDER.key()), 400, "purpose.without-unmask");
    assertProblem(get(persons + "?unmask=birthDate&purpose=subsidy-review", HOLDER.key()), 400, "unmask.unknown-field");
    assertProblem(get(persons + "?unmask=phone&purpose=DROP%20TABLE", HOLDER.key()), 400, "purpose.pattern");
  }

  // ---- the model of the rules, written independently of Jurisdiction ----

  static boolean coversCommunity(Client client, String community) {
    return client.codes().stream().anyMatch(c -> c.length() <= 12 ? community.startsWith(c) : c.startsWith(community));
  }

  static boolean sees(Client client, String community, String grid) {
    return client.codes().stream().anyMatch(c -> c.length() <= 12 ? community.startsWith(c) : c.equals(grid));
  }

  static List<String> visible(Client client, String community, Map<String, MasterPerson> state) {
    return state.values().stream()
        .filter(p -> p.communityCode().equals(community) && sees(client, community, p.gridCode()))
        .map(MasterPerson::masterId).sorted().toList();
  }

  /** What the feed from the first snapshot to the current one must say to this client. */
  static Map<String, String> expectedChanges(Client client, String community) {
    Set<String> before = new TreeSet<>(visible(client, community, atFirst));
    Set<String> after = new TreeSet<>(visible(client, community, current));
    Map<String, String> out = new TreeMap<>();
    for (String id : after) {
      if (!before.contains(id)) {
        out.put(id, "INSERT");
      } else if (!atFirst.get(id).equals(current.get(id))) {
        out.put(id, "UPDATE");
      }
    }
    before.stream().filter(id -> !after.contains(id)).forEach(id -> out.put(id, "DELETE"));
    return out;
  }

  // ---- fixtures ----

  /** A merge run: new persons everywhere, some moved to another grid, some gone. */
  static void mergeRunMovingPersonsBetweenGrids() {
    if (currentSnapshot != firstSnapshot) {
      return;
    }
    List<MasterPerson> added = new ArrayList<>();
    for (int i = 0; i < COMMUNITIES.size(); i++) {
      added.addAll(TestPersons.of(COMMUNITIES.get(i), 100, 4, SEED + 50 + i));
    }
    List<MasterPerson> replaced = new ArrayList<>();
    List<MasterPerson> written = new ArrayList<>(added);
    List<MasterPerson> first = atFirst.values().stream()
        .filter(p -> p.communityCode().equals("640106001001")).sorted(java.util.Comparator.comparing(MasterPerson::masterId))
        .limit(4).toList();
    for (MasterPerson p : first) {
      replaced.add(p);
      String grid = p.communityCode() + (p.gridCode().endsWith("002") ? "001" : "002");
      written.add(new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(),
          p.birthDate(), p.phone(), p.address(), p.houseId(), p.districtCode(), p.communityCode(), grid, p.tags(), p.status(),
          p.provenance(), p.sourceCount(), p.updatedAt().plusSeconds(3600)));
    }
    atFirst.values().stream().filter(p -> p.communityCode().equals("640106001002"))
        .sorted(java.util.Comparator.comparing(MasterPerson::masterId)).limit(2).forEach(replaced::add);
    try (GoldPersonFixture lakehouse = GoldPersonFixture.existing(dataDir)) {
      currentSnapshot = lakehouse.replace(replaced, written);
    }
    Map<String, MasterPerson> next = new LinkedHashMap<>(atFirst);
    replaced.forEach(p -> next.remove(p.masterId()));
    written.forEach(p -> next.put(p.masterId(), p));
    current = next;
  }

  /** The merge run once, and the roster serving its snapshot: every test reads the same table state. */
  void ensureMerged() throws Exception {
    if (currentSnapshot == firstSnapshot) {
      for (String community : COMMUNITIES) {
        startCursors.put(community, get("/api/v1/communities/" + community + "/changes", CITY.key()).body()
            .get("page").get("nextCursor").asText());
      }
    }
    mergeRunMovingPersonsBetweenGrids();
    awaitRosterAt(currentSnapshot);
  }

  void awaitRosterAt(long snapshot) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode page = get("/api/v1/communities/" + COMMUNITIES.get(0) + "/persons?limit=1", CITY.key()).body().get("page");
      if (Long.toString(snapshot).equals(page.get("snapshotId").asText()) || System.nanoTime() > deadline) {
        assertThat(page.get("snapshotId").asText()).isEqualTo(Long.toString(snapshot));
        return;
      }
      Thread.sleep(50);
    }
  }

  static String randomCommunity(Random random) {
    int pick = random.nextInt(10);
    if (pick < 7) {
      return COMMUNITIES.get(random.nextInt(COMMUNITIES.size()));
    }
    if (pick < 9) {
      // no data, but under a district or street of the pool
      return List.of("640106001009", "640106009001", "640104003002").get(random.nextInt(3));
    }
    return String.format("%012d", (long) (random.nextDouble() * 1e12));
  }

  static List<String> codePool() {
    List<String> pool = new ArrayList<>(List.of("640106", "640104", "650102", "640106001", "640106002", "640104003",
        "640106009", "650102001001", "640106001001004"));
    for (String community : COMMUNITIES) {
      pool.add(community);
      for (int g = 1; g <= TestPersons.GRIDS; g++) {
        pool.add(community + String.format("%03d", g));
      }
    }
    return List.copyOf(pool);
  }

  static Map<String, Client> randomClients(Random random, int count) {
    Map<String, Client> clients = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("random-%02d", i);
      Set<String> codes = new TreeSet<>();
      int n = 1 + random.nextInt(3);
      while (codes.size() < n) {
        codes.add(CODE_POOL.get(random.nextInt(CODE_POOL.size())));
      }
      clients.put(id, new Client(id, key(random, id), List.copyOf(codes)));
    }
    return clients;
  }

  static String key(Random random, String clientId) {
    return "cdhub_" + clientId + "_" + hex(random, 16);
  }

  static String hex(Random random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static Map<String, MasterPerson> byId(List<MasterPerson> persons) {
    return persons.stream().collect(Collectors.toMap(MasterPerson::masterId, p -> p, (a, b) -> a, LinkedHashMap::new));
  }

  static List<String> masterIds(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(p -> ids.add(p.get("masterId").asText()));
    return ids;
  }

  record ExpectedAudit(String clientId, String action, String outcome, String scope, List<String> recordIds) {
    static ExpectedAudit ok(Client client, String action, List<String> ids) {
      return new ExpectedAudit(client.id(), action, "OK", null, List.copyOf(ids));
    }
  }

  record Reply(int status, String text, JsonNode body) {}

  Reply get(String path, String key) throws Exception {
    Reply reply = getText(path, key);
    return new Reply(reply.status(), reply.text(), json.readTree(reply.text()));
  }

  Reply getText(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (key != null) {
      request.header("X-API-Key", key);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body(), null);
  }

  static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.body().get("code").asText()).isEqualTo(code);
  }

  static long auditHead() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      List<AuditEntry> latest = catalog.auditLog().find(AuditQuery.latest(1));
      return latest.isEmpty() ? 0 : latest.get(0).seq();
    }
  }

  /** Entries after sequence {@code seq}, oldest first. */
  static List<AccessEvent> auditSince(long seq) {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      List<AuditEntry> entries = new ArrayList<>(catalog.auditLog().find(AuditQuery.latest(AuditQuery.MAX_LIMIT)));
      java.util.Collections.reverse(entries);
      return entries.stream().filter(e -> e.seq() > seq).map(AuditEntry::event).toList();
    }
  }
}
