package org.cdhub.citygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.CreditCode;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates one small city (and a twin and a sibling for determinism) and checks what a
 * downstream ingestion relies on: manifest, contracts, encodings, noise, ground truth.
 */
class CityGeneratorTest {
  static final long SEED = 42;
  static final int PEOPLE = 2_000;
  /** Person feeds: every record describes one resident. */
  static final List<String> PERSON_FEEDS =
      List.of("hr_household", "ca_elderly", "ca_subsistence", "va_veteran", "dpf_disabled", "health_residents");

  @TempDir static Path dir;
  static GeneratedCity city;
  static Map<String, SourceContract> contracts;
  static Map<String, Map<String, Object>> manifestFeeds;
  static Map<String, FeedReader.Feed> feeds = new TreeMap<>();

  @BeforeAll
  static void generate() throws IOException {
    city = new CityGenerator(new CityGeneratorConfig(SEED, PEOPLE, dir.resolve("a"))).generate(ProgressListener.NONE);
    contracts = SourceContracts.loadDirectory(contractsDir());
    JsonNode manifest = Json.MAPPER.readTree(city.manifest().toFile());
    manifestFeeds = new TreeMap<>();
    for (JsonNode f : manifest.get("feeds")) {
      manifestFeeds.put(f.get("feed").asText(), Json.MAPPER.convertValue(f, new TypeReference<Map<String, Object>>() {}));
    }
    for (String feed : manifestFeeds.keySet()) {
      feeds.put(feed, FeedReader.read(city.outputDir(), contracts.get(feed), manifestFeeds.get(feed)));
    }
  }

  static Path contractsDir() {
    String configured = System.getProperty("hub.contracts.dir");
    return configured != null ? Path.of(configured) : Path.of("../../schemas/contracts");
  }

  @Test
  void sameSeedAndSizeGiveByteIdenticalFiles() throws Exception {
    GeneratedCity twin = new CityGenerator(new CityGeneratorConfig(SEED, PEOPLE, dir.resolve("b"))).generate(ProgressListener.NONE);
    Map<String, String> a = digests(city.outputDir());
    Map<String, String> b = digests(twin.outputDir());
    assertThat(a).hasSizeGreaterThan(20);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void anotherSeedGivesAnotherCity() throws Exception {
    GeneratedCity other = new CityGenerator(new CityGeneratorConfig(SEED + 1, PEOPLE, dir.resolve("c"))).generate(ProgressListener.NONE);
    FeedReader.Feed hr = FeedReader.jdbc(other.outputDir().resolve("departments/hr.db"), "hr_person");
    Set<String> ids = ids(feeds.get("hr_household"), "sfzh");
    assertThat(ids(hr, "sfzh")).doesNotContainAnyElementsOf(ids);
    assertThat(other.people()).isEqualTo(PEOPLE);
  }

  @Test
  void regeneratingIntoTheSameDirectoryReplacesThePreviousCity() {
    GeneratedCity small = new CityGenerator(new CityGeneratorConfig(SEED, 300, dir.resolve("d"))).generate(ProgressListener.NONE);
    GeneratedCity again = new CityGenerator(new CityGeneratorConfig(SEED, 400, dir.resolve("d"))).generate(ProgressListener.NONE);
    FeedReader.Feed hr = read(again, "hr_household");
    assertThat(small.people()).isEqualTo(300);
    assertThat(hr.records().size()).isEqualTo((int) again.feeds().get("hr_household").records());
    assertThat(again.people()).isEqualTo(400);
  }

  @Test
  void reportsProgressUpToEveryResident() {
    List<Long> done = new ArrayList<>();
    new CityGenerator(new CityGeneratorConfig(SEED, 300, dir.resolve("e"))).generate((stage, d, total) -> {
      assertThat(total).isEqualTo(300);
      done.add(d);
    });
    assertThat(done).isSorted().startsWith(0L).endsWith(300L);
  }

  @Test
  void cityHasTheRequestedPeopleInAllSixDistricts() throws IOException {
    assertThat(city.people()).isEqualTo(PEOPLE);
    assertThat(lines(city.truthDir().resolve("persons.csv"))).hasSize(PEOPLE + 1);
    JsonNode cityJson = Json.MAPPER.readTree(city.truthDir().resolve("city.json").toFile());
    List<String> districts = new ArrayList<>();
    int people = 0;
    for (JsonNode d : cityJson.get("districts")) {
      districts.add(d.get("code").asText() + d.get("name").asText());
      for (JsonNode s : d.get("streets")) {
        for (JsonNode c : s.get("communities")) {
          assertThat(c.get("code").asText()).matches("\\d{12}").startsWith(s.get("code").asText());
          people += c.get("people").asInt();
        }
      }
    }
    assertThat(districts).containsExactly("640104兴庆区", "640105西夏区", "640106金凤区", "640121永宁县", "640122贺兰县", "640181灵武市");
    assertThat(people).isEqualTo(PEOPLE);
    assertThat(city.communities()).isEqualTo(6);
  }

  @Test
  void manifestCountsMatchTheRecordsInEveryFeed() {
    assertThat(manifestFeeds.keySet()).isEqualTo(city.feeds().keySet());
    assertThat(manifestFeeds).hasSize(15);
    for (var e : manifestFeeds.entrySet()) {
      long records = ((Number) e.getValue().get("records")).longValue();
      assertThat(records).as(e.getKey()).isEqualTo(city.feeds().get(e.getKey()).records()).isPositive();
      assertThat(feeds.get(e.getKey()).records()).as(e.getKey()).hasSize((int) records);
      for (Object file : (List<?>) e.getValue().get("files")) {
        assertThat(city.outputDir().resolve((String) file)).as(e.getKey()).isRegularFile();
      }
    }
  }

  @Test
  void everyFeedHasAContractNamingExactlyTheFieldsItDelivers() {
    assertThat(contracts.keySet()).containsAll(manifestFeeds.keySet());
    for (String feed : manifestFeeds.keySet()) {
      SourceContract contract = contracts.get(feed);
      List<String> declared = contract.fields().stream().map(f -> f.name()).toList();
      FeedReader.Feed delivered = feeds.get(feed);
      switch (contract.format().kind()) {
        case JDBC_TABLE, CSV_FILE, EXCEL_FILE -> assertThat(delivered.columns()).as(feed).containsExactlyElementsOf(declared);
        default -> assertThat(delivered.columns()).as(feed).containsExactlyInAnyOrderElementsOf(declared);
      }
      assertThat(contract.format().kind().name().toLowerCase()).as(feed).isEqualTo(manifestFeeds.get(feed).get("kind"));
      if (manifestFeeds.get(feed).get("table") != null) {
        assertThat(contract.format().location()).as(feed).isEqualTo(manifestFeeds.get(feed).get("table"));
      }
      if (manifestFeeds.get(feed).get("encoding") != null) {
        assertThat(contract.format().encoding().name()).as(feed).isEqualTo(manifestFeeds.get(feed).get("encoding"));
      }
    }
  }

  @Test
  void contractsUseEverySharingTypeAndRankPublicSecurityAboveVendors() {
    Set<SharingType> used = contracts.values().stream().map(c -> c.sharing().type()).collect(Collectors.toSet());
    assertThat(used).isEqualTo(EnumSet.allOf(SharingType.class));
    Set<EntityType> entities = contracts.values().stream().map(SourceContract::entity).collect(Collectors.toSet());
    assertThat(entities).isEqualTo(EnumSet.allOf(EntityType.class));
    int publicSecurity = contracts.get("hr_household").trustRank();
    // community workers' corrections are the hub's own feed and outrank every department on purpose
    contracts.values().stream().filter(c -> !c.feed().equals("hr_household") && !c.feed().equals("community_correction"))
        .forEach(c -> assertThat(c.trustRank()).as(c.feed()).isLessThan(publicSecurity));
    assertThat(contracts.get("community_correction").trustRank()).isGreaterThan(publicSecurity);
    contracts.values().stream().filter(c -> c.feed().startsWith("vendor_"))
        .forEach(c -> assertThat(c.trustRank()).as(c.feed()).isLessThanOrEqualTo(50));
    assertThat(contracts.get("dpf_disabled").sharing().legalBasis()).contains("个人信息保护法");
  }

  @Test
  void gbkRostersAreGbkAndNotUtf8() throws IOException {
    for (String feed : List.of("ca_elderly", "va_veteran")) {
      byte[] bytes = Files.readAllBytes(city.outputDir().resolve((String) manifestFeeds.get(feed).get("location")));
      String text = java.nio.charset.Charset.forName("GBK").newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      assertThat(text).as(feed).contains("社区").contains("\r\n");
      assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))).as(feed).isInstanceOf(CharacterCodingException.class);
    }
  }

  @Test
  void excelRostersOpenWithPoiAndHoldRealDateCells() throws IOException {
    Path file = city.outputDir().resolve("civil/ca_subsistence.xlsx");
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      var sheet = wb.getSheet(SubsistenceRosterExport.SHEET);
      assertThat(sheet).isNotNull();
      assertThat(sheet.getLastRowNum()).isEqualTo((int) city.feeds().get("ca_subsistence").records());
      int dateCells = 0;
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        var cell = sheet.getRow(r).getCell(SubsistenceRosterExport.COLUMNS.indexOf("ksrq"));
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
          dateCells++;
        }
      }
      assertThat(dateCells).isGreaterThan(sheet.getLastRowNum() / 2);
      assertThat(wb.getProperties().getCoreProperties().getCreator()).isEqualTo("银川市民政局");
    }
  }

  @Test
  void noiseStaysWithinItsRates() throws IOException {
    Map<String, Map<NoiseKind, Integer>> counts = new TreeMap<>();
    Map<String, Set<String>> noisyRecords = new HashMap<>();
    for (List<String> row : csvRows(city.truthDir().resolve("noise_log.csv"))) {
      counts.computeIfAbsent(row.get(0), k -> new TreeMap<>()).merge(NoiseKind.valueOf(row.get(3)), 1, Integer::sum);
      noisyRecords.computeIfAbsent(row.get(0), k -> new HashSet<>()).add(row.get(1));
    }
    Map<String, NoiseProfile> profiles = Map.of("hr_household", NoiseProfile.PUBLIC_SECURITY, "ca_elderly", NoiseProfile.ROSTER,
        "health_residents", NoiseProfile.HEALTH, "housing_house", NoiseProfile.HOUSING);
    for (var e : profiles.entrySet()) {
      long records = city.feeds().get(e.getKey()).records();
      Map<NoiseKind, Integer> c = counts.getOrDefault(e.getKey(), Map.of());
      NoiseProfile p = e.getValue();
      assertWithin(e.getKey(), c, NoiseKind.NAME_HOMOPHONE, p.nameHomophone(), records);
      assertWithin(e.getKey(), c, NoiseKind.NAME_TRADITIONAL, p.nameTraditional(), records);
      assertWithin(e.getKey(), c, NoiseKind.ID_WRONG_CHECK_DIGIT, p.idWrongCheckDigit(), records);
      assertWithin(e.getKey(), c, NoiseKind.ID_LEGACY_15, p.idLegacy15(), records);
      assertWithin(e.getKey(), c, NoiseKind.DUPLICATE, p.duplicateRecord(), records);
      // most records stay clean
      assertThat(noisyRecords.getOrDefault(e.getKey(), Set.of()).size()).as(e.getKey()).isLessThan((int) (records * 0.4));
    }
    assertThat(counts.get("health_residents")).containsKeys(NoiseKind.NAME_HOMOPHONE, NoiseKind.ID_WRONG_CHECK_DIGIT,
        NoiseKind.PHONE_DECORATED, NoiseKind.MISSING, NoiseKind.DUPLICATE, NoiseKind.HOSTILE_SQL);
    for (String feed : List.of("hr_household", "health_residents", "housing_house", "vendor_access_pass", "vendor_device")) {
      assertThat(counts.get(feed).keySet().stream().filter(NoiseKind::hostile)).as(feed).isNotEmpty();
    }
  }

  private static void assertWithin(String feed, Map<NoiseKind, Integer> counts, NoiseKind kind, double rate, long records) {
    // binomial slack: three times the rate plus a few records, so rare kinds in small feeds pass
    assertThat(counts.getOrDefault(kind, 0)).as(feed + " " + kind).isLessThanOrEqualTo((int) (3 * rate * records) + 4);
  }

  @Test
  void trueIdNumbersAreValidAndInjectedCheckDigitErrorsAreNot() throws IOException {
    List<List<String>> persons = csvRows(city.truthDir().resolve("persons.csv"));
    int idColumn = GroundTruth.PERSON_COLUMNS.indexOf("id_number");
    for (List<String> p : persons) {
      assertThat(CitizenIdNumber.check(p.get(idColumn)).valid()).as(p.get(0)).isTrue();
    }
    Map<String, String> hrIds = new HashMap<>();
    feeds.get("hr_household").records().forEach(r -> hrIds.put(r.get("rkbh"), r.get("sfzh")));
    long valid = hrIds.values().stream().filter(id -> CitizenIdNumber.check(id).valid()).count();
    assertThat(valid).isGreaterThanOrEqualTo((long) (hrIds.size() * 0.97));

    Map<String, FeedReader.Feed> byFeed = feeds;
    int wrong = 0;
    for (List<String> n : csvRows(city.truthDir().resolve("noise_log.csv"))) {
      if (!n.get(3).equals("ID_WRONG_CHECK_DIGIT") || !PERSON_FEEDS.contains(n.get(0))) {
        continue;
      }
      String idField = contracts.get(n.get(0)).fieldMappedTo("id_number").orElseThrow().name();
      if (!n.get(2).equals(idField)) {
        continue;
      }
      String recordIdField = contracts.get(n.get(0)).recordId().get(0);
      String raw = byFeed.get(n.get(0)).records().stream().filter(r -> n.get(1).equals(r.get(recordIdField)))
          .findFirst().orElseThrow().get(idField);
      if (raw == null) {
        continue; // the value was then left out altogether
      }
      var checked = CitizenIdNumber.check(raw);
      assertThat(checked.valid()).as(n.get(0) + " " + n.get(1)).isFalse();
      assertThat(checked.rule()).isEqualTo(CitizenIdNumber.RULE_CHECKSUM);
      wrong++;
    }
    assertThat(wrong).isPositive();
  }

  @Test
  void organizationsCarryValidCreditCodes() {
    List<Map<String, String>> items = feeds.get("mr_enterprise").records();
    long valid = items.stream().filter(i -> CreditCode.check(i.get("uniscid")).valid()).count();
    assertThat(valid).isGreaterThanOrEqualTo(items.size() - 3L);
    feeds.get("housing_property_company").records()
        .forEach(r -> assertThat(CreditCode.check(r.get("tyxydm")).valid()).as(r.get("qymc")).isTrue());
  }

  @Test
  void relativesShareSurnameAddressAndPhoneButNotTheirIdentity() throws IOException {
    Map<String, String> truth = truth("person_truth.csv", "hr_household");
    Map<String, List<Map<String, String>>> byContact = new HashMap<>();
    for (Map<String, String> r : feeds.get("hr_household").records()) {
      if (r.get("lxdh") != null && r.get("xm") != null && r.get("hjdz") != null) {
        byContact.computeIfAbsent(r.get("xm").charAt(0) + "|" + r.get("hjdz") + "|" + r.get("lxdh"), k -> new ArrayList<>()).add(r);
      }
    }
    long groups = byContact.values().stream()
        .filter(g -> g.stream().map(r -> truth.get(r.get("rkbh"))).distinct().count() > 1)
        .count();
    assertThat(groups).isGreaterThan(10);
  }

  @Test
  void groundTruthCoversEveryPersonRecord() throws IOException {
    Set<String> persons = csvRows(city.truthDir().resolve("persons.csv")).stream().map(r -> r.get(0)).collect(Collectors.toSet());
    for (String feed : PERSON_FEEDS) {
      Map<String, String> truth = truth("person_truth.csv", feed);
      String recordId = contracts.get(feed).recordId().get(0);
      Set<String> exported = ids(feeds.get(feed), recordId);
      assertThat(truth.keySet()).as(feed).isEqualTo(exported);
      assertThat(persons).as(feed).containsAll(truth.values());
    }
    // event and vendor feeds name a person where they have one
    assertThat(truth("person_truth.csv", "vendor_access_pass").keySet()).isEqualTo(ids(feeds.get("vendor_access_pass"), "eventId"));
    assertThat(truth("event_truth.csv", "grid_incident").keySet()).isEqualTo(ids(feeds.get("grid_incident"), "sjbh"));
    assertThat(truth("organization_truth.csv", "mr_enterprise").keySet()).isEqualTo(ids(feeds.get("mr_enterprise"), "pripid"));
    assertThat(truth("place_truth.csv", "housing_house").keySet()).isEqualTo(ids(feeds.get("housing_house"), "fwbm"));
    assertThat(truth("thing_truth.csv", "vendor_device").keySet()).isEqualTo(ids(feeds.get("vendor_device"), "id"));
  }

  @Test
  void everyHouseCarriesTheGridOfItsBuildingAsTheTruthHasIt() throws IOException {
    List<String> header = FeedReader.parseCsv(Files.readString(city.truthDir().resolve("houses.csv"))).get(0);
    Map<String, List<String>> trueHouses = new HashMap<>();
    for (List<String> r : csvRows(city.truthDir().resolve("houses.csv"))) {
      trueHouses.put(r.get(header.indexOf("true_house_id")), r);
    }
    Map<String, String> truth = truth("place_truth.csv", "housing_house");
    Map<String, Set<String>> gridsByBuilding = new HashMap<>();
    Set<String> listedGrids = new HashSet<>();
    JsonNode cityJson = Json.MAPPER.readTree(city.truthDir().resolve("city.json").toFile());
    for (JsonNode grid : cityJson.findValues("grids").stream().flatMap(g -> java.util.stream.StreamSupport.stream(g.spliterator(), false))
        .toList()) {
      listedGrids.add(grid.get("code").asText());
    }
    List<Map<String, String>> records = feeds.get("housing_house").records();
    for (Map<String, String> r : records) {
      String grid = r.get("wgbm");
      List<String> house = trueHouses.get(truth.get(r.get("fwbm")));
      assertThat(grid).as(r.get("fwbm")).matches("\\d{15}").startsWith(r.get("jwh_dm"))
          .startsWith(house.get(header.indexOf("community_code")))
          .isEqualTo(house.get(header.indexOf("grid_code")));
      gridsByBuilding.computeIfAbsent(r.get("xqbm") + "|" + r.get("ldh"), k -> new HashSet<>()).add(grid);
      assertThat(listedGrids).as(r.get("fwbm")).contains(grid);
    }
    assertThat(records).hasSizeGreaterThan(100);
    assertThat(gridsByBuilding.values()).allSatisfy(grids -> assertThat(grids).hasSize(1));
  }

  @Test
  void ageStructureLooksLikeACity() throws IOException {
    List<List<String>> persons = csvRows(city.truthDir().resolve("persons.csv"));
    int tags = GroundTruth.PERSON_COLUMNS.indexOf("tags");
    double minors = share(persons, tags, "MINOR");
    double elderly = share(persons, tags, "ELDERLY");
    assertThat(minors).isBetween(0.15, 0.30);
    assertThat(elderly).isBetween(0.12, 0.25);
    assertThat(share(persons, tags, "ELDERLY_ALONE")).isBetween(0.01, 0.06);
    assertThat(share(persons, tags, "DISABLED")).isBetween(0.01, 0.06);
    assertThat(share(persons, tags, "VETERAN")).isBetween(0.005, 0.04);
    assertThat(share(persons, tags, "SUBSISTENCE_ALLOWANCE")).isBetween(0.005, 0.08);
  }

  private static double share(List<List<String>> persons, int column, String tag) {
    return persons.stream().filter(p -> List.of(p.get(column).split(";")).contains(tag)).count() / (double) persons.size();
  }

  @Test
  void vendorNamesAreMostlyPinyin() {
    List<Map<String, String>> passes = feeds.get("vendor_access_pass").records();
    long latin = passes.stream().filter(p -> p.get("personName").matches("[A-Za-z_ ]+")).count();
    assertThat(latin).isGreaterThan(passes.size() * 7L / 10);
  }

  @Test
  void rejectsSizesOutsideTheSupportedRange() {
    assertThatThrownBy(() -> new CityGeneratorConfig(1, 0, dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("people must be 1..2000000, got 0");
    assertThatThrownBy(() -> new CityGeneratorConfig(1, 2_000_001, dir)).hasMessageContaining("got 2000001");
    assertThatThrownBy(() -> new CityGeneratorConfig(1, 10, null)).hasMessage("outputDir is null");
  }

  // ---------------------------------------------------------------- helpers

  static FeedReader.Feed read(GeneratedCity c, String feed) {
    FeedExport f = c.feeds().get(feed);
    return FeedReader.read(c.outputDir(), contracts.get(feed),
        Map.of("location", c.outputDir().relativize(f.location()).toString(), "table", CityGenerator.TABLES.getOrDefault(feed, "")));
  }

  static Set<String> ids(FeedReader.Feed feed, String field) {
    return feed.records().stream().map(r -> r.get(field)).collect(Collectors.toSet());
  }

  static Map<String, String> truth(String file, String feed) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (List<String> r : csvRows(city.truthDir().resolve(file))) {
      if (r.get(0).equals(feed)) {
        out.put(r.get(1), r.get(2));
      }
    }
    return out;
  }

  static List<List<String>> csvRows(Path file) throws IOException {
    List<List<String>> rows = FeedReader.parseCsv(Files.readString(file));
    return rows.subList(1, rows.size());
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }

  static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
