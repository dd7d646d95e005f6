package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.cdhub.catalog.lineage.RecordLineage;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.cdhub.catalog.correction.CorrectionKind;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin path end to end on a small generated city, with every part as it ships: the city
 * generator, the NiFi stateless runner, the Spark jobs jar, the catalog and the API jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThinPathIT {
  private static final int PEOPLE = 800;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  private StepCommands commands;
  private HubPipeline pipeline;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  void runThePath() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HUB_HOME", System.getProperty("hub.home"));
    LauncherConfig config = LauncherConfig.fromEnvironment(env);
    commands = new StepCommands(config);
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    pipeline = new HubPipeline(commands, dataDir, new TeeStream(out, System.out));
    pipeline.runAll(PEOPLE, 11);
  }

  private Map<String, ?> facts(String stepPrefix) {
    return pipeline.steps().stream().filter(s -> s.name().startsWith(stepPrefix)).findFirst().orElseThrow().facts();
  }

  private static long number(Map<String, ?> facts, String key) {
    return Long.parseLong(String.valueOf(facts.get(key)));
  }

  @Test
  @Order(1)
  void everyIngestedRecordIsLandedOrQuarantined() throws Exception {
    Map<String, ?> ingest = facts("ingest hr_household");
    long read = number(ingest, "read");
    assertThat(read).isGreaterThan(PEOPLE / 2);
    assertThat(number(ingest, "landed") + number(ingest, "quarantined")).isEqualTo(read);
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      assertThat(lake.rows(LakehouseTable.bronze("hr_household"))).isEqualTo(number(ingest, "landed"));
    }
  }

  @Test
  @Order(2)
  void everyBronzeRowIsInSilverOrQuarantine() throws Exception {
    Map<String, ?> standardize = facts("spark standardize");
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      long bronze = 0;
      for (String feed : HubPipeline.INGESTED_FEEDS) {
        bronze += lake.rows(LakehouseTable.bronze(feed));
      }
      long silver = 0;
      for (LakehouseTable t : List.of(LakehouseTable.SILVER_PERSON, LakehouseTable.SILVER_PLACE, LakehouseTable.SILVER_THING,
          LakehouseTable.SILVER_EVENT, LakehouseTable.SILVER_ORGANIZATION)) {
        long rows = lake.rows(t.identifier());
        assertThat(rows).as("rows of %s", t.qualifiedName()).isPositive();
        silver += rows;
      }
      assertThat(number(standardize, "bronze_rows")).isEqualTo(bronze);
      assertThat(number(standardize, "silver_rows")).isEqualTo(silver);
      assertThat(silver + number(standardize, "quarantined")).isEqualTo(bronze);
      // the generator injects wrong check digits and missing names: some rows must be rejected
      assertThat(number(standardize, "quarantined")).isPositive();
    }
  }

  @Test
  @Order(2)
  void theSparkJobsLeaveAClassArchiveOfTheShippedJarsForLaterStarts() {
    // made after the first job of a build, or by an earlier run of the same build
    assertThat(commands.sparkClassArchive().archive()).isRegularFile();
    assertThat(commands.sparkJob("merge", pipeline.lakehouse(), List.of()).command())
        .contains("-XX:SharedArchiveFile=" + commands.sparkClassArchive().archive());
  }

  @Test
  @Order(3)
  void goldHasOnePersonPerIdNumberAndAnXrefPerSilverRecord() throws Exception {
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      long silver = lake.rows(LakehouseTable.SILVER_PERSON.identifier());
      long gold = lake.rows(LakehouseTable.GOLD_PERSON.identifier());
      // every silver record of every entity has one xref row
      java.util.SortedMap<String, Long> xrefByEntity = lake.rowsPerPartition(LakehouseTable.GOLD_XREF.identifier(), "entity_type");
      assertThat(xrefByEntity.get("PERSON")).isEqualTo(silver);
      assertThat(xrefByEntity.getOrDefault("PLACE", 0L)).isEqualTo(lake.rows(LakehouseTable.SILVER_PLACE.identifier()));
      // in-source duplicates share an ID number, so merging leaves fewer masters than records
      assertThat(gold).isPositive().isLessThan(silver);
      assertThat(number(facts("spark merge"), "gold_persons")).isEqualTo(gold);
    }
  }

  @Test
  @Order(4)
  void catalogListsGoldPersonWithItsRowCountAndSensitiveFields() throws Exception {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
         LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      Dataset person = catalog.datasets().findByQualifiedName("gold.person").orElseThrow();
      assertThat(person.rowCount()).isEqualTo(lake.rows(LakehouseTable.GOLD_PERSON.identifier()));
      assertThat(person.fields()).anySatisfy(f -> {
        assertThat(f.name()).isEqualTo("id_number");
        assertThat(f.sensitivity().isPersonal()).isTrue();
      });
    }
  }

  @Test
  @Order(5)
  void apiReturnsOnlyTheCallersCommunityMaskedAndPagedAndAuditsTheReads() throws Exception {
    SortedMap<String, Long> perCommunity;
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      perCommunity = lake.rowsPerPartition(LakehouseTable.GOLD_PERSON.identifier(), "community_code");
    }
    perCommunity.remove("null");
    assertThat(perCommunity).hasSizeGreaterThan(1);
    List<String> codes = new ArrayList<>(perCommunity.keySet());
    String mine = codes.get(0);
    String theirs = codes.get(1);

    List<String> rawSecrets = rawIdNumbersAndPhones(mine);
    assertThat(rawSecrets).isNotEmpty();

    try (ApiServer api = ApiServer.start(commands, pipeline, dataDir, freePort(), List.of(mine), Duration.ofSeconds(90))) {
      HttpClient http = HttpClient.newHttpClient();
      Set<String> seen = new HashSet<>();
      String cursor = null;
      int pages = 0;
      do {
        String url = api.baseUrl() + "/api/v1/communities/" + mine + "/persons?limit=17" + (cursor == null ? "" : "&cursor=" + cursor);
        HttpResponse<String> r = get(http, url, api.demoKey());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        for (JsonNode person : body.get("items")) {
          assertThat(person.get("communityCode").asText()).isEqualTo(mine);
          assertThat(seen.add(person.get("masterId").asText())).as("no duplicates across pages").isTrue();
          if (person.hasNonNull("idNumber")) {
            assertThat(person.get("idNumber").asText()).matches("\\*+[0-9X]{4}");
          }
          if (person.hasNonNull("phone")) {
            assertThat(person.get("phone").asText()).contains("****");
          }
        }
        for (String secret : rawSecrets) {
          assertThat(r.body()).as("raw ID number or phone in the response").doesNotContain(secret);
        }
        JsonNode next = body.get("page").get("nextCursor");
        cursor = next == null || next.isNull() ? null : next.asText();
        pages++;
      } while (cursor != null && pages < 100);
      assertThat(pages).isGreaterThan(1);
      assertThat((long) seen.size()).isEqualTo(perCommunity.get(mine));

      HttpResponse<String> foreign = get(http, api.baseUrl() + "/api/v1/communities/" + theirs + "/persons", api.demoKey());
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(foreign.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
      assertThat(get(http, api.baseUrl() + "/api/v1/communities/" + mine + "/persons", null).statusCode()).isEqualTo(401);
      assertThat(get(http, api.baseUrl() + "/api/v1/communities/" + mine + "/persons", "not-a-key").statusCode()).isEqualTo(401);

      int reads = pages;
      try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
        List<AccessEvent> audit = catalog.auditLog().recent(1000);
        assertThat(audit.stream().filter(e -> ("community:" + mine).equals(e.scope()) && "gold.person".equals(e.dataset())).count())
            .isGreaterThanOrEqualTo(reads);
        assertThat(audit).anySatisfy(e -> assertThat(e.scope()).isEqualTo("community:" + theirs));
        // every read the API process audited sits on one intact chain, as ./hub audit verify checks
        assertThat(catalog.auditLog().verify().firstBreak()).isEmpty();
      }
    }
  }

  @Test
  @Order(6)
  void lineageTracesAMergedPersonsAttributesToTheirSourceRecordsBatchesAndDeliveries() throws Exception {
    // a master built from several source records (in-source duplicates sharing an ID number)
    Map<String, Integer> recordsPerMaster = new HashMap<>();
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      lake.forEachRow(LakehouseTable.GOLD_XREF.identifier(), List.of("entity_type", "master_id"), r -> {
        if ("PERSON".equals(r.getField("entity_type"))) {
          recordsPerMaster.merge((String) r.getField("master_id"), 1, Integer::sum);
        }
      });
    }
    String merged = recordsPerMaster.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).sorted()
        .findFirst().orElseThrow();
    Path svg = dataDir.resolve("lineage-test.svg");
    java.io.StringWriter printed = new java.io.StringWriter();
    picocli.CommandLine cli = Hub.commandLine();
    cli.setOut(new java.io.PrintWriter(printed, true));

    assertThat(cli.execute("lineage", merged, "--data-dir", dataDir.toString(), "--svg", svg.toString())).isZero();

    RecordLineage lineage;
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      lineage = RecordLineage.trace(lake.lineageRows(), merged, List.of());
    }
    assertThat(lineage.sources()).hasSize(recordsPerMaster.get(merged));
    assertThat(lineage.attributes()).containsKeys("name", "id_number");
    lineage.attributes().forEach((name, a) -> {
      // merge derives some attributes from another one (grid_code from house_id: merge:house_id:GRID_OF_HOUSE)
      RecordLineage.AttributeSource traced = "merge".equals(a.feed()) ? lineage.attributes().get(a.recordId()) : a;
      assertThat(traced).as(name + " derives from attribute " + a.recordId()).isNotNull();
      assertThat(lineage.sourceOf(traced)).as("attribute from a linked record: " + name + " " + a).isPresent();
    });
    for (RecordLineage.SourceRecord s : lineage.sources()) {
      assertThat(s.batchId()).isNotBlank();
      assertThat(s.delivery()).as("delivery of batch " + s.batchId()).isNotNull();
      assertThat(s.delivery().bronzeSnapshotId()).isNotNull();
      assertThat(s.standardizeRun()).as("standardize run of batch " + s.batchId()).isNotNull();
      assertThat(printed.toString()).contains(s.feed() + ":" + s.recordId()).contains(s.batchId());
    }
    String picture = java.nio.file.Files.readString(svg);
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(picture.getBytes(StandardCharsets.UTF_8))); // well-formed
    assertThat(picture).startsWith("<svg").contains(merged).contains(lineage.sources().get(0).feed());
  }

  /** The community's ID numbers and phones exactly as the source delivered them. */
  /**
   * Issue 6: a community's phone correction, stored as the API stores it, travels the hub's own
   * feed (NiFi pulling the catalog database) through standardize, resolve and merge, and wins the
   * person's phone over every department, naming its record in the provenance.
   */
  @Test
  @Order(6)
  void aCommunityPhoneCorrectionReachesGoldWithItsProvenance() throws Exception {
    String[] person = new String[3];
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      lake.forEachRow(LakehouseTable.GOLD_PERSON.identifier(), List.of("master_id", "id_number", "community_code", "phone"),
          r -> {
            if (person[0] == null && r.getField("id_number") != null && r.getField("community_code") != null
                && r.getField("phone") != null) {
              person[0] = (String) r.getField("master_id");
              person[1] = (String) r.getField("id_number");
              person[2] = (String) r.getField("community_code");
            }
          });
    }
    assertThat(person[0]).as("a gold person with ID number, community and phone").isNotNull();
    String newPhone = "13912340000";
    CommunityCorrection stored;
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      stored = catalog.corrections().submit(CommunityCorrection.request("e2e-worker", person[2], person[0], person[1],
          CorrectionKind.PHONE, newPhone, LocalDate.now(ZoneOffset.ofHours(8)), "居民来电更正", Instant.now()));
    }

    ResultLine ingest = pipeline.ingest(CommunityCorrection.FEED, List.of());
    assertThat(ingest.values()).containsEntry("landed", "1").containsEntry("quarantined", "0");
    pipeline.runJob("standardize");
    pipeline.runJob("resolve");
    pipeline.runJob("merge");

    String recordId = Long.toString(stored.id());
    Map<String, Object> gold = new HashMap<>();
    Map<String, String> linked = new HashMap<>();
    try (LakehouseInspector lake = new LakehouseInspector(pipeline.lakehouse())) {
      lake.forEachRow(LakehouseTable.GOLD_XREF.identifier(), List.of("source_system", "source_record_id", "master_id"),
          r -> {
            if (CommunityCorrection.FEED.equals(r.getField("source_system"))) {
              linked.put((String) r.getField("source_record_id"), (String) r.getField("master_id"));
            }
          });
      lake.forEachRow(LakehouseTable.GOLD_PERSON.identifier(), List.of("master_id", "phone", "provenance"), r -> {
        if (person[0].equals(r.getField("master_id"))) {
          gold.put("phone", r.getField("phone"));
          gold.put("provenance", r.getField("provenance"));
        }
      });
    }
    assertThat(linked).containsEntry(recordId, person[0]);
    assertThat(gold.get("phone")).isEqualTo(newPhone);
    assertThat(((Map<?, ?>) gold.get("provenance")).get("phone").toString())
        .startsWith(CommunityCorrection.FEED + ":" + recordId + ":");
  }

  private static List<String> rawIdNumbersAndPhones(String community) throws Exception {
    List<String> out = new ArrayList<>();
    String url = "jdbc:sqlite:" + dataDir.resolve("sources/departments/hr.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
         java.sql.PreparedStatement ps = c.prepareStatement("SELECT sfzh, lxdh FROM hr_person WHERE jwh_dm = ?")) {
      ps.setString(1, community);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 1; i <= 2; i++) {
            String v = rs.getString(i);
            if (v != null && v.strip().length() >= 11) {
              out.add(v.strip());
            }
            // and the standardized form the hub itself would hold
            org.cdhub.kernel.Checked<?> std = i == 1 ? org.cdhub.kernel.CitizenIdNumber.check(v) : org.cdhub.kernel.MobileNumber.check(v);
            if (std.valid()) {
              out.add(i == 1 ? ((org.cdhub.kernel.CitizenIdNumber) std.value()).value() : ((org.cdhub.kernel.MobileNumber) std.value()).value());
            }
          }
        }
      }
    }
    return out;
  }

  private static HttpResponse<String> get(HttpClient http, String url, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Keeps the pipeline's output for assertions while still showing it in the test log. */
  private static final class TeeStream extends PrintStream {
    private final PrintStream second;

    TeeStream(PrintStream first, PrintStream second) {
      super(first, true, StandardCharsets.UTF_8);
      this.second = second;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      super.write(buf, off, len);
      second.write(buf, off, len);
    }
  }
}
