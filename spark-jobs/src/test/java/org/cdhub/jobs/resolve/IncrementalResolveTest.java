package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.jobs.TestPeople;
import org.cdhub.jobs.resolve.match.MatchThresholds;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.StewardDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental resolve on the test city of {@link ResolvePersonJobTest}: a full run on the first
 * batch, then a second batch with records of existing people, a new person, a record bridging
 * two masters of one person, a changed record, a record that would join two ID numbers and one
 * that would join a pair a steward split. Compared with a full run on the same data at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalResolveTest {
  static final Instant SECOND_BATCH = Instant.parse("2026-12-01T00:00:00Z");
  static final LocalDate BRIDGED_BIRTH = LocalDate.of(1975, 3, 14);
  static final LocalDate BRIDGED_BIRTH_OTHER = LocalDate.of(1975, 8, 22);
  static final String BRIDGED_ID = TestPeople.idNumber("640106", "19750314", 801);

  SparkSession spark;
  Lakehouse lake;
  JobConfig config;
  final Map<String, String> truth = new HashMap<>();
  final Map<String, String> idOf = new HashMap<>();
  JobResult first;
  JobResult incremental;
  Map<String, String> mastersAfterFirst;
  Map<String, String> mastersAfterIncremental;
  Set<String> pairsAfterIncremental;

  @BeforeAll
  void resolveTwoBatches(@TempDir Path dir) {
    config = JobConfig.embedded(dir.resolve("data"));
    spark = Lakehouse.session(config, "incremental-resolve-test");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    lake.createIfMissing(LakehouseTable.SILVER_PERSON);

    List<SilverPerson> firstBatch = new ArrayList<>(ResolvePersonJobTest.city(new Random(5), truth));
    // one person in two masters: the health record has no ID number, a homophone name, another birth date (a registry
    // error), another phone and another house
    firstBatch.add(ResolvePersonJobTest.silver("hr", "B", BRIDGED_ID, "孙伟杰", BRIDGED_BIRTH, Sex.MALE, "13800000001", "9", "990"));
    firstBatch.add(ResolvePersonJobTest.silver("dpf", "B", BRIDGED_ID, "孙伟杰", BRIDGED_BIRTH, Sex.MALE, "13800000001", "9", "990"));
    firstBatch.add(ResolvePersonJobTest.silver("health", "H-B", null, "孙纬杰", BRIDGED_BIRTH_OTHER, Sex.MALE, "13800000002", "8", "991"));
    for (String r : List.of("hr:B", "dpf:B", "health:H-B")) {
      truth.put(r, "B");
    }
    firstBatch.forEach(p -> idOf.put(key(p), p.idNumber()));
    append(firstBatch);
    decideSplit("hr", "T2-0", "health", "H-T2-0");
    first = resolve(ResolveSettings.defaults());
    mastersAfterFirst = masters();

    append(secondBatch());
    incremental = resolve(ResolveSettings.defaults());
    mastersAfterIncremental = masters();
    pairsAfterIncremental = pairs();
  }

  List<SilverPerson> secondBatch() {
    Map<String, SilverPerson> byKey = new HashMap<>();
    for (Row r : SilverPersons.current(lake).collectAsList()) {
      SilverPerson p = RecordRows.fromRow(r, SilverPerson.class);
      byKey.put(key(p), p);
    }
    List<SilverPerson> out = new ArrayList<>();
    // records of existing people from a third feed
    for (String person : List.of("T1-0", "T3-1", "T4-0", "T2-0")) {
      SilverPerson hr = byKey.get("hr:" + person);
      out.add(copy(hr, "ca", "C-" + person, hr.idNumber(), hr.name(), hr.birthDate(), hr.phone(), hr.building(), hr.room()));
      truth.put("ca:C-" + person, person);
    }
    // a new person in two feeds
    String newId = TestPeople.idNumber("640106", "19880706", 802);
    out.add(second(ResolvePersonJobTest.silver("hr", "N-0", newId, "吴丽华", LocalDate.of(1988, 7, 6), Sex.FEMALE, "13800000003", "7", "770")));
    out.add(second(ResolvePersonJobTest.silver("health", "H-N-0", newId, "吴丽华", LocalDate.of(1988, 7, 6), Sex.FEMALE, "13800000003", "7",
        "770")));
    truth.put("hr:N-0", "N");
    truth.put("health:H-N-0", "N");
    // the bridge: the ID number of hr:B and dpf:B, everything else as health:H-B
    out.add(second(ResolvePersonJobTest.silver("ca", "C-B", BRIDGED_ID, "孙纬杰", BRIDGED_BIRTH_OTHER, Sex.MALE, "13800000002", "8", "991")));
    truth.put("ca:C-B", "B");
    // a changed record: a new phone for the health record of T9-1
    SilverPerson changed = byKey.get("health:H-T9-1");
    out.add(copy(changed, "health", "H-T9-1", changed.idNumber(), changed.name(), changed.birthDate(), "13700000009", changed.building(),
        changed.room()));
    // the ID number of T5-0 with the name, birth date, phone and house of T5-1: never one master with T5-1
    SilverPerson parent = byKey.get("hr:T5-0");
    SilverPerson child = byKey.get("hr:T5-1");
    out.add(copy(child, "ca", "C-T5-X", parent.idNumber(), child.name(), child.birthDate(), child.phone(), child.building(), child.room()));
    truth.put("ca:C-T5-X", "T5-0");
    out.forEach(p -> idOf.put(key(p), p.idNumber()));
    return out;
  }

  static String key(SilverPerson p) {
    return p.sourceSystem() + ":" + p.sourceRecordId();
  }

  static SilverPerson second(SilverPerson p) {
    return copy(p, p.sourceSystem(), p.sourceRecordId(), p.idNumber(), p.name(), p.birthDate(), p.phone(), p.building(), p.room());
  }

  /** A record of the second batch (ingested later) like {@code p} with other values. */
  static SilverPerson copy(SilverPerson p, String feed, String record, String id, String name, LocalDate birth, String phone, String building,
      String room) {
    SilverPerson like = ResolvePersonJobTest.silver(feed, record, id, name, birth, p.sex(), phone, building, room);
    return new SilverPerson(like.sourceSystem(), like.sourceRecordId(), "b2", like.idNumber(), like.otherIdNumber(), like.name(), like.namePinyin(), like.sex(),
        like.birthDate(), like.phone(), like.addressRaw(), like.district(), like.street(), like.community(), like.compound(), like.building(),
        like.unit(), like.room(), like.communityCode(), like.placeCode(), like.placeMatch(), like.householdNo(), like.tags(), like.status(), like.notes(),
        like.trustRank(), SECOND_BATCH);
  }

  void append(List<SilverPerson> people) {
    lake.append(LakehouseTable.SILVER_PERSON.identifier(),
        spark.createDataFrame(people.stream().map(RecordRows::toRow).toList(), Lakehouse.sparkType(LakehouseTable.SILVER_PERSON.schema())),
        "test");
  }

  void decideSplit(String leftFeed, String leftRecord, String rightFeed, String rightRecord) {
    lake.createIfMissing(LakehouseTable.STEWARD_DECISION);
    StewardDecision d = new StewardDecision("PERSON", leftFeed, leftRecord, rightFeed, rightRecord, StewardDecision.SPLIT, "steward-1",
        "checked with the community office", Instant.parse("2026-11-15T09:00:00Z"));
    lake.append(LakehouseTable.STEWARD_DECISION.identifier(), spark.createDataFrame(List.of(RecordRows.toRow(d)),
        Lakehouse.sparkType(LakehouseTable.STEWARD_DECISION.schema())), "test");
  }

  /**
   * Resolve with the default model, never estimated: a full run re-estimating on the second
   * batch would differ from the first run's model, and the comparison with a full run is of the
   * incremental clustering, not of the model.
   */
  JobResult resolve(ResolveSettings base) {
    return ResolvePersonJob.run(spark, config, new ResolveSettings(MatchThresholds.defaults(), base.maxBlockSize(), Long.MAX_VALUE,
        base.randomPairs(), base.maxIterations(), base.seed(), base.forceFull(), base.incrementalMaxShare(), driverPairingMaxRecords()));
  }

  /** Where the incremental run pairs and scores: on the driver here (the records are few). */
  int driverPairingMaxRecords() {
    return ResolveSettings.defaults().driverPairingMaxRecords();
  }

  String expectedPairing() {
    return "driver";
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  Map<String, String> masters() {
    Map<String, String> out = new HashMap<>();
    for (Row r : lake.read(JobTable.PERSON_LINK.identifier()).collectAsList()) {
      out.put(r.getAs("source_system") + ":" + r.getAs("source_record_id"), r.getAs("master_id"));
    }
    return out;
  }

  /** Every stored pair with its band, rule and status. */
  Set<String> pairs() {
    Set<String> out = new HashSet<>();
    for (Row r : lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).collectAsList()) {
      out.add(r.getAs("left_source") + ":" + r.getAs("left_record") + " " + r.getAs("right_source") + ":" + r.getAs("right_record") + " "
          + r.getAs("band") + " " + r.getAs("rule") + " " + r.getAs("status"));
    }
    return out;
  }

  /** The clustering as a set of record sets, whatever the ids. */
  static Set<Set<String>> partition(Map<String, String> masters) {
    Map<String, Set<String>> byMaster = new HashMap<>();
    masters.forEach((record, master) -> byMaster.computeIfAbsent(master, k -> new HashSet<>()).add(record));
    return new HashSet<>(byMaster.values());
  }

  long snapshots(TableIdentifier table) {
    return lake.snapshotCount(table);
  }

  @Test
  @Order(1)
  void theFirstRunIsFullAndTheSecondBatchRunsIncrementally() {
    assertThat(first.values()).containsEntry("mode", "full").containsEntry("reason", "no_previous_run");
    assertThat(incremental.values()).containsEntry("mode", "incremental").containsEntry("pairing", expectedPairing());
    // 9 records arrived; the other records of the changed record's cluster are resolved again with it
    String changedMaster = mastersAfterFirst.get("health:H-T9-1");
    long partners = mastersAfterFirst.values().stream().filter(changedMaster::equals).count() - 1;
    assertThat(partners).isEqualTo(1);
    assertThat(incremental.number("records")).isEqualTo(9 + partners);
    assertThat(mastersAfterIncremental).hasSize(truth.size());
  }

  @Test
  @Order(2)
  void newRecordsJoinTheirPersonsExistingMastersAndANewPersonGetsANewOne() {
    for (String person : List.of("T1-0", "T3-1", "T4-0")) {
      assertThat(mastersAfterIncremental.get("ca:C-" + person)).as(person).isEqualTo(mastersAfterFirst.get("hr:" + person));
    }
    String newMaster = mastersAfterIncremental.get("hr:N-0");
    assertThat(mastersAfterIncremental.get("health:H-N-0")).isEqualTo(newMaster);
    assertThat(mastersAfterFirst.values()).doesNotContain(newMaster);
    assertThat(newMaster).isEqualTo(MasterIds.derive(MasterIds.recordKey("health", "H-N-0"), 0));
  }

  @Test
  @Order(3)
  void aRecordBridgingTwoMastersMergesThemAndTheLargerKeepsItsId() {
    String larger = mastersAfterFirst.get("hr:B");
    assertThat(mastersAfterFirst.get("dpf:B")).isEqualTo(larger);
    assertThat(mastersAfterFirst.get("health:H-B")).as("apart before the bridge").isNotEqualTo(larger);

    assertThat(List.of("hr:B", "dpf:B", "health:H-B", "ca:C-B")).allSatisfy(r -> assertThat(mastersAfterIncremental.get(r)).isEqualTo(larger));
    assertThat(incremental.number("merged_masters")).isEqualTo(1);
  }

  @Test
  @Order(4)
  void noOtherExistingMasterChanges() {
    mastersAfterFirst.forEach((record, master) -> {
      if (!record.equals("health:H-B")) {
        assertThat(mastersAfterIncremental.get(record)).as(record).isEqualTo(master);
      }
    });
  }

  @Test
  @Order(5)
  void hardRulesHoldIncrementally() {
    Map<String, Set<String>> idsByMaster = new HashMap<>();
    mastersAfterIncremental.forEach((record, master) -> {
      String id = idOf.get(record);
      if (id != null) {
        idsByMaster.computeIfAbsent(master, k -> new HashSet<>()).add(id);
      }
    });
    assertThat(idsByMaster.values()).as("valid ID numbers per master").allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat(mastersAfterIncremental.get("ca:C-T5-X")).isNotEqualTo(mastersAfterIncremental.get("hr:T5-1"));
    // the steward split holds although the new record agrees with both sides
    assertThat(mastersAfterIncremental.get("hr:T2-0")).isNotEqualTo(mastersAfterIncremental.get("health:H-T2-0"));
    assertThat(mastersAfterIncremental.get("ca:C-T2-0")).isIn(mastersAfterIncremental.get("hr:T2-0"),
        mastersAfterIncremental.get("health:H-T2-0"));
    for (int h = 0; h < ResolvePersonJobTest.HOUSEHOLDS; h += 10) {
      assertThat(mastersAfterIncremental.get("hr:T" + h + "-0")).as("twins of household %d", h)
          .isNotEqualTo(mastersAfterIncremental.get("hr:T" + h + "-1"));
    }
  }

  @Test
  @Order(6)
  void aReRunWithNothingNewWritesNothing() {
    List<TableIdentifier> tables = List.of(JobTable.PERSON_LINK.identifier(), LakehouseTable.GOLD_PERSON_MATCH.identifier(),
        JobTable.PERSON_BLOCK.identifier(), JobTable.PERSON_MATCH_MODEL.identifier(), JobTable.RESOLVE_RUN.identifier());
    List<Long> before = tables.stream().map(this::snapshots).toList();

    JobResult again = resolve(ResolveSettings.defaults());

    assertThat(again.values()).containsEntry("mode", "incremental").containsEntry("reason", "nothing_new");
    assertThat(again.number("changed")).isZero();
    assertThat(again.number("match_changes")).isZero();
    assertThat(tables.stream().map(this::snapshots).toList()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void theIncrementalClusteringAndPairsEqualAFullRunsOnTheSameData() {
    JobResult full = resolve(ResolveSettings.defaults().withForceFull(true));

    assertThat(full.values()).containsEntry("mode", "full").containsEntry("reason", "forced");
    Collection<Set<String>> fullClusters = partition(masters());
    assertThat(partition(mastersAfterIncremental)).isEqualTo(fullClusters);
    assertThat(pairsAfterIncremental).isEqualTo(pairs());
  }

  @Test
  @Order(8)
  void moreNewRecordsThanTheMaximumShareRunInFull() {
    append(List.of(second(ResolvePersonJobTest.silver("hr", "N-1", TestPeople.idNumber("640106", "19700101", 803), "赵强",
        LocalDate.of(1970, 1, 1), Sex.MALE, "13800000004", "6", "660"))));

    JobResult run = resolve(ResolveSettings.defaults().withIncrementalMaxShare(0.0));

    assertThat(run.values()).containsEntry("mode", "full").containsEntry("reason", "share_above_max");
    assertThat(masters()).containsKey("hr:N-1");
  }
}
