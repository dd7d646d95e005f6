package org.cdhub.jobs.merge;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.TestPeople;
import org.cdhub.jobs.resolve.PersonLink;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.MasterThing;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.entity.SilverThing;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merge on a small community written straight into silver (and person links as resolve would
 * write them): one compound with two houses, its property company, residents, a device, an
 * alarm. Tests run in order: the first merge, a re-run, then two person merges for aliases.
 * Grids: {@link #TRUE_GRID} is where each house truly lies; the register gives 501 and 502 their
 * grids (one each, so building 3 ties) and 503 none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MergeJobTest {
  static final String CC = "640106001001";
  static final String HOUSING = "housing_house";
  static final String COMPOUNDS = "housing_compound";
  static final String HR = "hr_household";
  static final String DPF = "dpf_disabled";
  static final String ORG_CODE = "91640100MA76XYZ12K";
  static final String GRID_1 = CC + "001";
  static final String GRID_2 = CC + "002";
  static final Map<String, String> TRUE_GRID = Map.of("FW-501", GRID_1, "FW-502", GRID_2, "FW-503", GRID_1);
  static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-01T00:00:00Z");
  static final LocalDate TODAY = LocalDate.now(PersonEvidence.ZONE);

  static final String ID_OWNER = TestPeople.idNumber("640106", "19700101", 11);
  static final String ID_CHILD = TestPeople.idNumber("640106", dateOfAge(10), 12);
  static final String ID_ALONE = TestPeople.idNumber("640106", dateOfAge(75), 13);
  static final String ID_OLD_TOGETHER = TestPeople.idNumber("640106", dateOfAge(80), 14);
  static final String ID_TENANT = TestPeople.idNumber("640106", "19900101", 15);

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;
  JobConfig config;
  JobResult first;

  static String dateOfAge(int years) {
    return TODAY.minusYears(years).minusDays(30).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
  }

  @BeforeAll
  void mergeTheCommunity() {
    config = JobConfig.embedded(dir.resolve("data"));
    spark = Lakehouse.session(config, "merge-job-test");
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    write(LakehouseTable.SILVER_PLACE, List.of(
        compound("XQ001", "丽景湾", ORG_CODE),
        house("FW-501", "3", "2", "501", ID_OWNER, TRUE_GRID.get("FW-501")),
        house("FW-502", "3", "2", "502", null, TRUE_GRID.get("FW-502")),
        house("FW-503", "3", "2", "503", null, null)));
    write(LakehouseTable.SILVER_ORGANIZATION, List.of(
        org("mr_enterprise", "E1", ORG_CODE, "宁夏丽景物业服务有限公司", 90, T1),
        org("housing_property_company", "P1", null, "宁夏丽景物业服务有限公司", 80, T2)));
    write(LakehouseTable.SILVER_PERSON, List.of(
        person(HR, "H1", ID_OWNER, "张三", "19700101", "FW-501", "HH1", List.of()),
        person(HR, "H2", ID_CHILD, "张小明", dateOfAge(10), "FW-501", "HH1", List.of()),
        person(DPF, "D1", ID_OWNER, "张三", "19700101", null, null, List.of("DISABLED")),
        person(HR, "H3", ID_ALONE, "李奶奶", dateOfAge(75), "FW-502", "HH2", List.of()),
        person(HR, "H4", ID_OLD_TOGETHER, "王爷爷", dateOfAge(80), null, "HH3", List.of()),
        person(HR, "H5", ID_TENANT, "赵租客", "19900101", "FW-503", "HH4", List.of())));
    writeLinks(Map.of(HR + ":H1", "P-OWNER", DPF + ":D1", "P-OWNER", HR + ":H2", "P-CHILD", HR + ":H3", "P-ALONE", HR + ":H4", "P-OLD",
        HR + ":H5", "P-TENANT"));
    write(LakehouseTable.SILVER_THING, List.of(
        thing("vendor_device", "D-1", "SN9001", "门禁 old", 45, T1),
        thing("vendor_meter_reading", "M-1", "SN9001", "3号楼2单元门禁", 40, T2)));
    write(LakehouseTable.SILVER_EVENT, List.of(event("vendor_iot_alarm", "EV1", "SN9001", ID_ALONE)));
    first = MergeJob.run(spark, config);
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  @Order(1)
  void placesFormOneHierarchyWhicheverFeedNamesThem() {
    Map<String, MasterPlace> places = all(LakehouseTable.GOLD_PLACE, MasterPlace.class).stream()
        .collect(Collectors.toMap(MasterPlace::masterId, p -> p));
    MasterPlace house = places.values().stream().filter(p -> "FW-501".equals(p.code())).findFirst().orElseThrow();
    assertThat(house.placeType()).isEqualTo(PlaceType.HOUSE);
    MasterPlace building = places.get(house.parentId());
    assertThat(building.placeType()).isEqualTo(PlaceType.BUILDING);
    assertThat(building.code()).as("building code as standardize matches addresses to it").isEqualTo("XQ001-3");
    MasterPlace compound = places.get(building.parentId());
    assertThat(compound.placeType()).isEqualTo(PlaceType.COMPOUND);
    assertThat(compound.code()).isEqualTo("XQ001");
    assertThat(compound.provenance().get("code")).startsWith(COMPOUNDS + ":XQ001:");
    MasterPlace community = places.get(compound.parentId());
    assertThat(community.placeType()).isEqualTo(PlaceType.COMMUNITY);
    assertThat(community.code()).isEqualTo(CC);
    assertThat(community.districtCode()).isEqualTo("640106");
    // three houses, one building, one compound, one community
    assertThat(places).hasSize(6);
    assertThat(xrefMaster("PLACE", COMPOUNDS, "XQ001")).isEqualTo(compound.masterId());
    assertThat(xrefMaster("PLACE", HOUSING, "FW-501")).isEqualTo(house.masterId());
  }

  @Test
  @Order(2)
  void personsGetTheirHouseAndTagsWithTheirSources() {
    Map<String, MasterPerson> persons = all(LakehouseTable.GOLD_PERSON, MasterPerson.class).stream()
        .collect(Collectors.toMap(MasterPerson::masterId, p -> p));
    String house501 = placeByCode("FW-501").masterId();
    MasterPerson owner = persons.get("P-OWNER");
    assertThat(owner.houseId()).isEqualTo(house501);
    assertThat(owner.provenance().get("house_id")).startsWith(HR + ":H1:");
    assertThat(owner.tags()).containsExactly("DISABLED");
    assertThat(owner.provenance().get("tag:DISABLED")).isEqualTo(DPF + ":D1:ASSERTED");

    MasterPerson child = persons.get("P-CHILD");
    assertThat(child.tags()).containsExactly(KeyPopulations.MINOR);
    assertThat(child.provenance().get("tag:MINOR")).isEqualTo("merge:birth_date:AGE_UNDER_18");

    // 75 and the only resident of 502: living alone; 80 without a known house: not
    assertThat(persons.get("P-ALONE").tags()).containsExactly(KeyPopulations.ELDERLY_ALONE);
    assertThat(persons.get("P-ALONE").provenance().get("tag:ELDERLY_ALONE")).isEqualTo("merge:house_id:AGED_60_LIVING_ALONE");
    assertThat(persons.get("P-OLD").tags()).isEmpty();
  }

  @Test
  @Order(3)
  void housesBuildingsAndResidentsTakeTheGridOfTheHouse() {
    Map<String, MasterPlace> places = all(LakehouseTable.GOLD_PLACE, MasterPlace.class).stream()
        .collect(Collectors.toMap(MasterPlace::masterId, p -> p));
    MasterPlace house501 = placeByCode("FW-501");
    assertThat(house501.gridCode()).isEqualTo(TRUE_GRID.get("FW-501"));
    assertThat(house501.provenance().get("grid_code")).startsWith(HOUSING + ":FW-501:");
    assertThat(placeByCode("FW-502").gridCode()).isEqualTo(TRUE_GRID.get("FW-502"));
    MasterPlace building = places.get(house501.parentId());
    // one house each: the tie goes to the smallest code
    assertThat(building.gridCode()).isEqualTo(GRID_1);
    assertThat(building.provenance().get("grid_code")).isEqualTo(GoldPlaceBuilder.GRID_OF_MOST_HOUSES);
    // the register gives 503 no grid: it takes its building's, where it truly lies
    assertThat(placeByCode("FW-503").gridCode()).isEqualTo(TRUE_GRID.get("FW-503"));
    assertThat(placeByCode("FW-503").provenance().get("grid_code")).isEqualTo(GoldPlaceBuilder.GRID_OF_BUILDING);
    MasterPlace compound = places.get(building.parentId());
    assertThat(compound.gridCode()).as("a compound across two grids belongs to neither").isNull();
    assertThat(compound.provenance()).doesNotContainKey("grid_code");
    assertThat(places.get(compound.parentId()).gridCode()).isNull();

    // residents: the grid of the house they truly live in, 503's from its building
    Map<String, String> houseOf = Map.of("P-OWNER", "FW-501", "P-CHILD", "FW-501", "P-ALONE", "FW-502", "P-TENANT", "FW-503");
    Map<String, MasterPerson> persons = all(LakehouseTable.GOLD_PERSON, MasterPerson.class).stream()
        .collect(Collectors.toMap(MasterPerson::masterId, p -> p));
    houseOf.forEach((person, house) -> {
      assertThat(persons.get(person).gridCode()).as(person).isEqualTo(TRUE_GRID.get(house));
      assertThat(persons.get(person).provenance().get("grid_code")).isEqualTo(GoldPersonBuilder.GRID_OF_HOUSE);
    });
    assertThat(persons.get("P-OLD").gridCode()).as("no known house, no grid").isNull();
    assertThat(persons.get("P-OLD").provenance()).doesNotContainKey("grid_code");
  }

  @Test
  @Order(4)
  void organizationsThingsAndEventsResolveOnTheirKeys() {
    List<MasterOrganization> orgs = all(LakehouseTable.GOLD_ORGANIZATION, MasterOrganization.class);
    assertThat(orgs).as("the record without a credit code joins the one registered under its name").hasSize(1);
    assertThat(orgs.get(0).creditCode()).isEqualTo(ORG_CODE);
    assertThat(xrefRule("ORGANIZATION", "housing_property_company", "P1")).isEqualTo("NAME_TO_CREDIT_CODE");
    assertThat(xrefRule("ORGANIZATION", "mr_enterprise", "E1")).isEqualTo("CREDIT_CODE");

    List<MasterThing> things = all(LakehouseTable.GOLD_THING, MasterThing.class);
    assertThat(things).hasSize(1);
    // survivorship.yaml puts recency first for a thing's description: the newer, less trusted record wins
    assertThat(things.get(0).description()).isEqualTo("3号楼2单元门禁");
    assertThat(things.get(0).provenance().get("description")).isEqualTo("vendor_meter_reading:M-1:RECENCY");
    assertThat(things.get(0).placeId()).isEqualTo(placeByCode("XQ001-3").masterId());

    List<MasterEvent> events = all(LakehouseTable.GOLD_EVENT, MasterEvent.class);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).personIds()).containsExactly("P-ALONE");
  }

  @Test
  @Order(5)
  void relationshipsLinkTheMastersWithTheirEvidence() {
    Map<String, List<Row>> byType = lake.read(LakehouseTable.GOLD_RELATIONSHIP).collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.getAs("relationship_type")));
    String house501 = placeByCode("FW-501").masterId();
    String compound = placeByCode("XQ001").masterId();
    String org = all(LakehouseTable.GOLD_ORGANIZATION, MasterOrganization.class).get(0).masterId();
    assertThat(edges(byType, "LIVES_IN")).contains("P-OWNER->" + house501, "P-CHILD->" + house501);
    assertThat(edges(byType, "OWNS")).containsExactly("P-OWNER->" + house501);
    assertThat(edges(byType, "MANAGES")).containsExactly(org + "->" + compound);
    assertThat(edges(byType, "MEMBER_OF_HOUSEHOLD")).containsExactly(
        "P-CHILD".compareTo("P-OWNER") < 0 ? "P-CHILD->P-OWNER" : "P-OWNER->P-CHILD");
    assertThat(edges(byType, "INVOLVES")).hasSize(1).allMatch(e -> e.endsWith("->P-ALONE"));
    assertThat(edges(byType, "INSTALLED_AT")).hasSize(1);
    assertThat(edges(byType, "OCCURRED_AT")).hasSize(1);
    assertThat(edges(byType, "PART_OF")).hasSize(5);
    Row owns = byType.get("OWNS").get(0);
    assertThat(owns.<String>getAs("source_system")).isEqualTo(HOUSING);
    assertThat(owns.<String>getAs("source_record_id")).isEqualTo("FW-501");
    Row livesIn = byType.get("LIVES_IN").stream().filter(r -> "P-OWNER".equals(r.getAs("from_id"))).findFirst().orElseThrow();
    assertThat(livesIn.<String>getAs("source_record_id")).isEqualTo("H1");
  }

  @Test
  @Order(6)
  void aRerunOnTheSameInputWritesNothing() {
    Map<TableIdentifier, Long> before = snapshots();
    JobResult again = MergeJob.run(spark, config);
    assertThat(again.number("changed")).isZero();
    assertThat(snapshots()).isEqualTo(before);
    assertThat(first.number("changed")).isPositive();
  }

  @Test
  @Order(7)
  void anAbsorbedMasterBecomesAnAliasAndFollowsLaterMerges() {
    // resolve merged the child into the owner's master (as two masters truly merging would)
    writeLinks(Map.of(HR + ":H1", "P-OWNER", DPF + ":D1", "P-OWNER", HR + ":H2", "P-OWNER", HR + ":H3", "P-ALONE", HR + ":H4", "P-OLD",
        HR + ":H5", "P-TENANT"));
    MergeJob.run(spark, config);
    assertThat(aliases()).containsExactly(Map.entry("P-CHILD", "P-OWNER"));
    assertThat(all(LakehouseTable.GOLD_PERSON, MasterPerson.class)).extracting(MasterPerson::masterId).doesNotContain("P-CHILD");

    // then the owner's master is absorbed too: the older alias follows to the survivor
    writeLinks(Map.of(HR + ":H1", "P-ALONE", DPF + ":D1", "P-ALONE", HR + ":H2", "P-ALONE", HR + ":H3", "P-ALONE", HR + ":H4", "P-OLD",
        HR + ":H5", "P-TENANT"));
    MergeJob.run(spark, config);
    assertThat(aliases()).containsOnly(Map.entry("P-CHILD", "P-ALONE"), Map.entry("P-OWNER", "P-ALONE"));
    // the event names the person by an ID number the survivor holds among its records
    assertThat(all(LakehouseTable.GOLD_EVENT, MasterEvent.class).get(0).personIds()).containsExactly("P-ALONE");
  }

  Map<String, String> aliases() {
    Map<String, String> out = new HashMap<>();
    for (Row r : lake.read(LakehouseTable.GOLD_MASTER_ALIAS).collectAsList()) {
      out.put(r.getAs("alias_id"), r.getAs("master_id"));
    }
    return out;
  }

  Map<TableIdentifier, Long> snapshots() {
    Map<TableIdentifier, Long> out = new HashMap<>();
    for (LakehouseTable t : List.of(LakehouseTable.GOLD_PERSON, LakehouseTable.GOLD_PLACE, LakehouseTable.GOLD_ORGANIZATION,
        LakehouseTable.GOLD_THING, LakehouseTable.GOLD_EVENT, LakehouseTable.GOLD_XREF, LakehouseTable.GOLD_RELATIONSHIP,
        LakehouseTable.GOLD_MASTER_ALIAS)) {
      out.put(t.identifier(), lake.snapshotCount(t.identifier()));
    }
    return out;
  }

  static List<String> edges(Map<String, List<Row>> byType, String type) {
    return byType.getOrDefault(type, List.of()).stream().map(r -> r.getAs("from_id") + "->" + r.getAs("to_id")).toList();
  }

  MasterPlace placeByCode(String code) {
    return all(LakehouseTable.GOLD_PLACE, MasterPlace.class).stream().filter(p -> code.equals(p.code())).findFirst().orElseThrow();
  }

  String xrefMaster(String type, String feed, String record) {
    return xref(type, feed, record).getAs("master_id");
  }

  String xrefRule(String type, String feed, String record) {
    return xref(type, feed, record).getAs("match_rule");
  }

  Row xref(String type, String feed, String record) {
    return lake.read(LakehouseTable.GOLD_XREF).filter(col("entity_type").equalTo(type).and(col("source_system").equalTo(feed))
        .and(col("source_record_id").equalTo(record))).collectAsList().get(0);
  }

  <T extends Record> List<T> all(LakehouseTable table, Class<T> type) {
    return lake.read(table).collectAsList().stream().map(r -> RecordRows.fromRow(r, type)).toList();
  }

  void write(LakehouseTable table, List<? extends Record> rows) {
    lake.createIfMissing(table);
    lake.append(table.identifier(), spark.createDataFrame(rows.stream().map(RecordRows::toRow).toList(), Lakehouse.sparkType(table.schema())), "test");
  }

  void writeLinks(Map<String, String> masterByRecord) {
    lake.createIfMissing(JobTable.PERSON_LINK.identifier(), JobTable.PERSON_LINK.schema(), JobTable.PERSON_LINK.partitionSpec());
    List<PersonLink> links = new ArrayList<>();
    masterByRecord.forEach((record, master) -> {
      String[] parts = record.split(":");
      links.add(new PersonLink(parts[0], parts[1], "C:" + master, master, "ID_NUMBER_EXACT", "test", T2));
    });
    lake.delete(JobTable.PERSON_LINK.identifier(), "true", "test");
    lake.append(JobTable.PERSON_LINK.identifier(), spark.createDataFrame(links.stream().map(RecordRows::toRow).toList(),
        Lakehouse.sparkType(JobTable.PERSON_LINK.schema())), "test");
  }

  static SilverPlace compound(String code, String name, String managerCode) {
    return new SilverPlace(COMPOUNDS, code, "b1", PlaceType.COMPOUND, code, name, null, null, null, null, "金凤区长城中路88号",
        "金凤区", "长城中路街道", "丽景社区", CC, null, managerCode, "宁夏丽景物业服务有限公司", null, null, null, List.of(), 85, T1);
  }

  static SilverPlace house(String code, String building, String unit, String room, String ownerId, String grid) {
    return new SilverPlace(HOUSING, code, "b1", PlaceType.HOUSE, code, "丽景湾小区" + building + "号楼" + unit + "单元" + room + "室",
        "丽景湾小区", building, unit, room, null, "金凤区", "长城中路街道", "丽景社区", CC, grid, null, null,
        ownerId == null ? null : "张三", ownerId, null, List.of(), 85, T1);
  }

  static SilverOrganization org(String feed, String record, String creditCode, String name, int trust, Instant at) {
    return new SilverOrganization(feed, record, "b1", creditCode, name, "有限责任公司", "赵六", "金凤区长城中路88号", "金凤区", "长城中路街道",
        "丽景社区", "丽景湾小区", null, CC, "XQ001", PlaceMatch.COMPOUND, List.of(), trust, at);
  }

  static SilverPerson person(String feed, String record, String id, String name, String birth, String houseCode, String household,
      List<String> tags) {
    return new SilverPerson(feed, record, "b1", id, null, name, null, Sex.MALE, LocalDate.parse(birth, java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
        null, null, null, null, "丽景社区", "丽景湾小区", null, null, null, CC, houseCode,
        houseCode == null ? PlaceMatch.COMMUNITY : PlaceMatch.HOUSE, household, tags, null, List.of(), feed.equals(HR) ? 95 : 80, T1);
  }

  static SilverThing thing(String feed, String record, String identifier, String description, int trust, Instant at) {
    return new SilverThing(feed, record, "b1", identifier, "access_gate", description, "丽景湾小区", null, "丽景社区", "3", "2", null, CC,
        "XQ001-3", PlaceMatch.BUILDING, List.of(), trust, at);
  }

  static SilverEvent event(String feed, String eventId, String device, String involvedId) {
    return new SilverEvent(feed, eventId, "b1", eventId, "SMOKE_ALARM", null, "烟感报警", T2, device, "丽景湾小区", null, "丽景社区", "3", "2",
        "502", CC, null, "FW-502", PlaceMatch.HOUSE, null, involvedId, null, List.of(), 40, T2);
  }
}
