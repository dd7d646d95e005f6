package org.cdhub.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.merge.MergeJob;
import org.cdhub.jobs.quality.QualityThresholds;
import org.cdhub.jobs.resolve.ResolvePersonJob;
import org.cdhub.jobs.standardize.StandardizeJob;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.BronzeEnvelope;
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
 * The three jobs on one local[2] session over a lakehouse in a temp dir: two person feeds
 * (household registration from the bundled contract, a compound vendor from a contract
 * written here) with generated rows. Tests run in order: first run, then re-runs, then a new
 * batch, then recovery from a half-written batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonPipelineTest {
  static final String HR = "hr_household";
  static final String VENDOR = "vendor_resident";
  static final List<TableIdentifier> WRITTEN_TABLES = List.of(
      LakehouseTable.SILVER_PERSON.identifier(), LakehouseTable.QUARANTINE.identifier(), JobTable.PERSON_LINK.identifier(),
      LakehouseTable.GOLD_PERSON.identifier(), LakehouseTable.GOLD_XREF.identifier(), LakehouseTable.QUALITY_RUN.identifier(),
      LakehouseTable.QUALITY_METRIC.identifier());

  // person A: two household records with the same ID (one in full-width digits and traditional characters)
  static final String ID_A = TestPeople.idNumber("640106", "19800101", 123);
  // person B: a legacy 15-digit household record and an 18-digit vendor record
  static final String ID_B18 = TestPeople.idNumber("640104", "19750512", 246);
  static final String ID_B15 = TestPeople.legacyIdNumber("640104", "750512", 246);
  static final String ID_C = TestPeople.idNumber("640105", "19900220", 371);
  static final String ID_WRONG = TestPeople.withWrongCheckCharacter(TestPeople.idNumber("640106", "19660606", 15));
  static final String ID_E = TestPeople.idNumber("640106", "20010909", 42);
  static final String ID_F = TestPeople.idNumber("640106", "19520303", 17);
  static final List<String> RAW_IDS = List.of(ID_A, ID_B18, ID_B15, ID_C, ID_WRONG, ID_E, ID_F);

  /** The fixtures are a handful of rows, a third of them broken on purpose: the gate's defaults would refuse them (FeedQualityGateTest covers those). */
  static final QualityThresholds DIRTY_FIXTURES = new QualityThresholds(
      0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 3.0, 0.10, 3.0, 5, 50, 30, java.time.LocalDate.of(1900, 1, 1)).withoutRowCountBand();

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;
  JobConfig config;
  SourceContract hrContract;
  SourceContract vendorContract;
  final Map<String, JobResult> firstRun = new HashMap<>();
  final Map<String, String> firstMasters = new TreeMap<>();

  static final String VENDOR_CONTRACT = """
      feed: vendor_resident
      title: 小区住户 (compound vendor residents)
      owner_department: 物业 vendor
      entity: person
      sharing: {type: unconditional}
      update_cycle: daily
      trust_rank: 60
      format: {kind: json_http_push, location: /push/residents}
      record_id: [uid]
      fields:
        - {name: uid, format: code, required: true, max_length: 32}
        - {name: name, maps_to: name, format: chinese_name, required: true, max_length: 64, sensitivity: personal}
        - {name: idno, maps_to: id_number, format: citizen_id, max_length: 24, sensitivity: sensitive_personal}
        - {name: mobile, maps_to: phone, format: mobile, max_length: 20, sensitivity: personal}
        - {name: room, maps_to: address, format: address, max_length: 200, sensitivity: personal}
        - {name: community, maps_to: community_code, format: code, pattern: "\\\\d{12}", max_length: 12}
      """;

  @BeforeAll
  void startSessionAndLandBronze() throws Exception {
    Path contracts = Files.createDirectories(dir.resolve("contracts"));
    Files.writeString(contracts.resolve(HR + ".yaml"), SourceContractSet.bundledText(HR));
    Files.writeString(contracts.resolve(VENDOR + ".yaml"), VENDOR_CONTRACT);
    config = JobConfig.embedded(dir.resolve("data")).withContracts(contracts);
    spark = Lakehouse.session(config, "person-pipeline-test");
    // a performance switch only (same results): on a dozen rows, generating code for every new
    // plan costs more than it saves, and this suite runs many small plans
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    SourceContractSet set = SourceContractSet.load(config.contracts());
    hrContract = set.feed(HR).orElseThrow();
    vendorContract = set.feed(VENDOR).orElseThrow();

    String addr = "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室";
    landBronze(hrContract, "hr-b1", List.of(
        hr("R1", "张三", "1", "19800101", ID_A, "13800138000", addr, "640106001001"),
        hr("R2", "李四", "1", "19750512", ID_B15, "13900139000", "丽景湾小区5-1-302", "640106001001"),
        hr("R3", "王五", "1", "19660606", ID_WRONG, "13700137000", addr, "640106001001"),
        hr("R4", "", "2", "19900220", ID_C, "13600136000", addr, "640106001001"),
        hr("R5", "張三", "1", "1980-01-01", TestPeople.fullWidth(ID_A), "13800138000", addr, "640106001001"),
        hr("R6", "赵".repeat(10_000), "2", "20010909", ID_E, null, addr, "640106001001"),
        hr("R7", "钱七", "2", "19520303", ID_F, "13500135000", "丽景湾小区'; DROP TABLE gold.person; --\u0007😀", "640106002002"),
        hr("R8", "Robert'); DROP TABLE students;--", "1", null, TestPeople.idNumber("640106", "19880808", 11), null, null, null)));
    landBronze(vendorContract, "vendor-b1", List.of(
        vendor("V1", "李四", ID_B18, "13999999999", "丽景湾小区5号楼1单元302室", "640106001001"),
        vendor("V2", "孙八", null, "13333333333", "丽景湾小区7-2-101", "640106001001"),
        vendor("V3", "Zhou Jiu", "   ", null, "丽景湾小区", "640106001001")));
  }

  @AfterAll
  void stopSession() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Map<String, String> hr(String id, String name, String sex, String birth, String idNumber, String phone, String address, String community) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("rkbh", id);
    m.put("hh_no", "H-" + id);
    m.put("xm", name);
    m.put("xb", sex);
    m.put("csrq", birth);
    m.put("sfzh", idNumber);
    m.put("lxdh", phone);
    m.put("hjdz", address);
    m.put("jwh_dm", community);
    m.put("yhzgx", "01");
    m.put("mz", "01");
    m.put("updated_at", "2026-10-01 08:00:00");
    return m;
  }

  static Map<String, String> vendor(String id, String name, String idNumber, String phone, String room, String community) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("uid", id);
    m.put("name", name);
    m.put("idno", idNumber);
    m.put("mobile", phone);
    m.put("room", room);
    m.put("community", community);
    return m;
  }

  void landBronze(SourceContract contract, String batch, List<Map<String, String>> records) {
    BronzeFixture.land(lake, contract, batch, records);
  }

  Map<String, JobResult> runAll() {
    Map<String, JobResult> results = new HashMap<>();
    results.put("standardize", StandardizeJob.run(spark, config, DIRTY_FIXTURES));
    results.put("resolve", ResolvePersonJob.run(spark, config));
    results.put("merge", MergeJob.run(spark, config));
    return results;
  }

  long count(TableIdentifier id, String where) {
    return spark.table(lake.sqlName(id)).where(where).count();
  }

  long bronzeRows() {
    return spark.table(lake.sqlName(LakehouseTable.bronze(HR))).count() + spark.table(lake.sqlName(LakehouseTable.bronze(VENDOR))).count();
  }

  Map<String, String> masterByRecord() {
    Map<String, String> out = new TreeMap<>();
    for (Row r : spark.table(lake.sqlName(LakehouseTable.GOLD_XREF)).collectAsList()) {
      out.put(r.getAs("source_system") + ":" + r.getAs("source_record_id"), r.getAs("master_id"));
    }
    return out;
  }

  Row xref(String feed, String record) {
    return spark.table(lake.sqlName(LakehouseTable.GOLD_XREF))
        .where(col("source_system").equalTo(feed).and(col("source_record_id").equalTo(record))).first();
  }

  Row gold(String masterId) {
    return spark.table(lake.sqlName(LakehouseTable.GOLD_PERSON)).where(col("master_id").equalTo(masterId)).first();
  }

  @Test
  @Order(1)
  void firstRunPutsEveryBronzeRowInExactlyOneOfSilverOrQuarantine() {
    firstRun.putAll(runAll());
    firstMasters.putAll(masterByRecord());

    JobResult standardize = firstRun.get("standardize");
    long silver = count(LakehouseTable.SILVER_PERSON.identifier(), "true");
    long quarantined = count(LakehouseTable.QUARANTINE.identifier(), "true");
    assertThat(standardize.number("bronze_rows")).isEqualTo(11).isEqualTo(bronzeRows());
    assertThat(silver + quarantined).isEqualTo(bronzeRows());
    assertThat(standardize.number("silver_rows")).isEqualTo(silver);
    assertThat(standardize.number("quarantined")).isEqualTo(quarantined);
    // no record id in both tables
    assertThat(spark.table(lake.sqlName(LakehouseTable.SILVER_PERSON)).select("source_system", "source_record_id")
        .intersect(spark.table(lake.sqlName(LakehouseTable.QUARANTINE)).select("source_system", "source_record_id")).count()).isZero();
  }

  @Test
  @Order(2)
  void quarantineNamesFieldAndRuleAndMasksTheValue() {
    Map<String, Row> byRecord = new HashMap<>();
    for (Row r : spark.table(lake.sqlName(LakehouseTable.QUARANTINE)).collectAsList()) {
      byRecord.put(r.getAs("source_record_id"), r);
    }
    assertThat(byRecord).containsKeys("R3", "R4", "R6");
    Row wrongCheck = byRecord.get("R3");
    assertThat(wrongCheck.<String>getAs("field")).isEqualTo("sfzh");
    assertThat(wrongCheck.<String>getAs("rule")).isEqualTo("ID-CHECKSUM");
    assertThat(wrongCheck.<String>getAs("value_masked")).isEqualTo("*".repeat(14) + ID_WRONG.substring(14));
    assertThat(wrongCheck.<String>getAs("stage")).isEqualTo("STANDARDIZE");
    assertThat(wrongCheck.<String>getAs("batch_id")).isEqualTo("hr-b1");
    Row missingName = byRecord.get("R4");
    assertThat(missingName.<String>getAs("field")).isEqualTo("xm");
    assertThat(missingName.<String>getAs("rule")).isEqualTo("FIELD-REQUIRED");
    Row longName = byRecord.get("R6");
    assertThat(longName.<String>getAs("field")).isEqualTo("xm");
    assertThat(longName.<String>getAs("rule")).isEqualTo("FIELD-MAX-LENGTH");
    assertThat(longName.<String>getAs("value_masked")).startsWith("赵*").hasSizeLessThan(200);
    for (Row r : byRecord.values()) {
      String masked = r.getAs("value_masked");
      String reason = r.getAs("reason");
      for (String raw : RAW_IDS) {
        assertThat(masked == null ? "" : masked).doesNotContain(raw);
        assertThat(reason).doesNotContain(raw);
      }
      assertThat(r.<String>getAs("payload")).isNull();
    }
  }

  @Test
  @Order(3)
  void standardizesAndUpgradesTheLegacyIdNumber() {
    Row b = spark.table(lake.sqlName(LakehouseTable.SILVER_PERSON)).where("source_record_id = 'R2'").first();

    assertThat(b.<String>getAs("id_number")).isEqualTo(ID_B18);
    assertThat(RecordRows.stringList(b, "notes")).contains("ID_UPGRADED_FROM_15");
    assertThat(b.<Integer>getAs("trust_rank")).isEqualTo(95);
    Row a2 = spark.table(lake.sqlName(LakehouseTable.SILVER_PERSON)).where("source_record_id = 'R5'").first();
    assertThat(a2.<String>getAs("id_number")).isEqualTo(ID_A);
    assertThat(a2.<String>getAs("name")).isEqualTo("张三");
    Row hostile = spark.table(lake.sqlName(LakehouseTable.SILVER_PERSON)).where("source_record_id = 'R7'").first();
    assertThat(hostile.<String>getAs("address_raw")).contains("DROP TABLE gold.person");
  }

  @Test
  @Order(4)
  void twoRecordsWithOneIdNumberBecomeOneGoldPersonWithTwoXrefRows() {
    String masterA = firstMasters.get(HR + ":R1");
    assertThat(masterA).isNotNull().isEqualTo(firstMasters.get(HR + ":R5")).matches("P-[0-9A-F]{20}");
    assertThat(firstMasters.values().stream().filter(masterA::equals).count()).isEqualTo(2);
    assertThat(xref(HR, "R1").<String>getAs("match_rule")).isEqualTo("ID_NUMBER_EXACT");
    assertThat(xref(HR, "R1").<String>getAs("entity_type")).isEqualTo("PERSON");
    Row a = gold(masterA);
    assertThat(a.<String>getAs("id_number")).isEqualTo(ID_A);
    assertThat(a.<String>getAs("name")).isEqualTo("张三");
    assertThat(a.<Integer>getAs("source_count")).isEqualTo(2);
    assertThat(a.<String>getAs("community_code")).isEqualTo("640106001001");
    assertThat(a.<String>getAs("district_code")).isEqualTo("640106");
    scala.collection.Map<String, String> provenance = a.getMap(a.fieldIndex("provenance"));
    assertThat(provenance.get("id_number").get()).startsWith(HR + ":R").endsWith(":AGREED");
  }

  @Test
  @Order(5)
  void higherTrustFeedWinsAcrossFeedsAndTheProvenanceSaysSo() {
    String masterB = firstMasters.get(HR + ":R2");
    assertThat(firstMasters.get(VENDOR + ":V1")).isEqualTo(masterB);
    Row b = gold(masterB);

    assertThat(b.<String>getAs("phone")).isEqualTo("13900139000");
    scala.collection.Map<String, String> provenance = b.getMap(b.fieldIndex("provenance"));
    assertThat(provenance.get("phone").get()).isEqualTo(HR + ":R2:TRUST");
    assertThat(b.<Integer>getAs("source_count")).isEqualTo(2);
  }

  @Test
  @Order(6)
  void recordsWithoutIdNumberAreSingletons() {
    Row v2 = xref(VENDOR, "V2");
    Row v3 = xref(VENDOR, "V3");

    assertThat(v2.<String>getAs("match_rule")).isEqualTo("SINGLETON");
    assertThat(v3.<String>getAs("match_rule")).isEqualTo("SINGLETON");
    assertThat(v2.<String>getAs("master_id")).isNotEqualTo(v3.<String>getAs("master_id"));
    assertThat(gold(v2.getAs("master_id")).<Integer>getAs("source_count")).isEqualTo(1);
    long silver = count(LakehouseTable.SILVER_PERSON.identifier(), "true");
    assertThat(firstRun.get("merge").number("xref_rows")).isEqualTo(silver);
    assertThat(firstRun.get("merge").number("gold_persons"))
        .isEqualTo(firstMasters.values().stream().distinct().count())
        .isEqualTo(count(LakehouseTable.GOLD_PERSON.identifier(), "true"));
    assertThat(firstRun.get("resolve").number("clusters")).isEqualTo(firstRun.get("merge").number("gold_persons"));
  }

  @Test
  @Order(7)
  void reRunningAllThreeJobsChangesNothing() {
    Map<TableIdentifier, Long> snapshots = new HashMap<>();
    Map<TableIdentifier, Long> rows = new HashMap<>();
    for (TableIdentifier t : WRITTEN_TABLES) {
      snapshots.put(t, lake.snapshotCount(t));
      rows.put(t, count(t, "true"));
    }

    Map<String, JobResult> again = runAll();

    assertThat(again.get("standardize").number("bronze_rows")).isZero();
    assertThat(again.get("resolve").number("changed")).isZero();
    assertThat(again.get("merge").number("changed")).isZero();
    assertThat(again.get("merge").number("gold_persons")).isEqualTo(firstRun.get("merge").number("gold_persons"));
    assertThat(masterByRecord()).isEqualTo(firstMasters);
    for (TableIdentifier t : WRITTEN_TABLES) {
      assertThat(lake.snapshotCount(t)).as("snapshots of %s", t).isEqualTo(snapshots.get(t));
      assertThat(count(t, "true")).as("rows of %s", t).isEqualTo(rows.get(t));
    }
  }

  @Test
  @Order(8)
  void aNewBatchKeepsExistingMasterIdsAndAddsOnlyNewOnes() {
    landBronze(vendorContract, "vendor-b2", List.of(
        vendor("V4", "张三", ID_A, "13811112222", null, "640106001001"),
        vendor("V5", "周十", null, null, "丽景湾小区9-9-909", "640106001001")));

    Map<String, JobResult> results = runAll();

    assertThat(results.get("standardize").number("batches")).isEqualTo(1);
    assertThat(results.get("standardize").number("bronze_rows")).isEqualTo(2);
    Map<String, String> masters = masterByRecord();
    firstMasters.forEach((record, master) -> assertThat(masters).containsEntry(record, master));
    assertThat(masters.get(VENDOR + ":V4")).isEqualTo(firstMasters.get(HR + ":R1"));
    assertThat(masters.get(VENDOR + ":V5")).isNotIn(firstMasters.values());
    assertThat(results.get("merge").number("gold_persons")).isEqualTo(firstRun.get("merge").number("gold_persons") + 1);
    assertThat(gold(masters.get(VENDOR + ":V4")).<Integer>getAs("source_count")).isEqualTo(3);
  }

  @Test
  @Order(9)
  void redoesABatchThatAnEarlierRunLeftHalfWritten() {
    // as if the run that published hr-b1 died after writing quarantine, before silver and before recording itself
    long silverBefore = count(LakehouseTable.SILVER_PERSON.identifier(), "true");
    long quarantineBefore = count(LakehouseTable.QUARANTINE.identifier(), "true");
    long lostSilver = count(LakehouseTable.SILVER_PERSON.identifier(), "batch_id = 'hr-b1'");
    assertThat(lostSilver).isPositive();
    lake.delete(LakehouseTable.SILVER_PERSON.identifier(), "batch_id = 'hr-b1'", "test");
    lake.delete(LakehouseTable.QUALITY_RUN.identifier(), "feed = '" + HR + "'", "test");

    JobResult redo = StandardizeJob.run(spark, config, DIRTY_FIXTURES);

    assertThat(redo.number("batches")).isEqualTo(1);
    assertThat(redo.number("bronze_rows")).isEqualTo(8);
    assertThat(count(LakehouseTable.SILVER_PERSON.identifier(), "true")).isEqualTo(silverBefore);
    assertThat(count(LakehouseTable.QUARANTINE.identifier(), "true")).isEqualTo(quarantineBefore);
    assertThat(count(LakehouseTable.SILVER_PERSON.identifier(), "true") + count(LakehouseTable.QUARANTINE.identifier(), "true"))
        .isEqualTo(bronzeRows());
  }
}
