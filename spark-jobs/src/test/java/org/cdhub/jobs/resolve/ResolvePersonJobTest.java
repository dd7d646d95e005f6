package org.cdhub.jobs.resolve;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.TestPeople;
import org.cdhub.jobs.resolve.match.MatchThresholds;
import org.cdhub.jobs.resolve.match.PersonComparisons;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.ops.StewardDecision;
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
 * Resolve on silver persons whose truth the test knows: households of a parent and a child (some
 * of twins) in two feeds; the second feed lacks ID numbers for a third of its records and has
 * homophone names and slipped birth dates. Enough pairs for the model to be estimated by EM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolvePersonJobTest {
  static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
  /** Given names are two characters, one from each list: namesakes are as rare as in a real compound. */
  static final String[] GIVEN_FIRST = {"伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"};
  static final String[] GIVEN_SECOND = {"艳", "杰", "涛", "明", "英", "华", "平", "刚", "玲", "辉", "峰", "霞"};
  static final Map<String, String> PINYIN = Map.ofEntries(Map.entry("王", "wang"), Map.entry("李", "li"), Map.entry("张", "zhang"),
      Map.entry("刘", "liu"), Map.entry("陈", "chen"), Map.entry("杨", "yang"), Map.entry("黄", "huang"), Map.entry("赵", "zhao"),
      Map.entry("吴", "wu"), Map.entry("周", "zhou"), Map.entry("徐", "xu"), Map.entry("孙", "sun"), Map.entry("伟", "wei"),
      Map.entry("芳", "fang"), Map.entry("娜", "na"), Map.entry("秀英", "xiu ying"), Map.entry("敏", "min"), Map.entry("静", "jing"),
      Map.entry("丽", "li"), Map.entry("强", "qiang"), Map.entry("磊", "lei"), Map.entry("军", "jun"), Map.entry("洋", "yang"),
      Map.entry("勇", "yong"), Map.entry("艳", "yan"), Map.entry("杰", "jie"), Map.entry("涛", "tao"), Map.entry("明", "ming"),
      Map.entry("纬", "wei"), Map.entry("秀", "xiu"), Map.entry("英", "ying"), Map.entry("华", "hua"), Map.entry("平", "ping"),
      Map.entry("刚", "gang"), Map.entry("玲", "ling"), Map.entry("辉", "hui"), Map.entry("峰", "feng"), Map.entry("霞", "xia"));
  static final int HOUSEHOLDS = 120;

  @TempDir
  static Path dir;
  SparkSession spark;
  Lakehouse lake;
  JobConfig config;
  /** feed:record to the true person. */
  final Map<String, String> truth = new HashMap<>();
  JobResult result;

  @BeforeAll
  void resolveTheCity() {
    config = JobConfig.embedded(dir.resolve("data"));
    spark = Lakehouse.session(config, "resolve-job-test");
    lake = new Lakehouse(spark, config.lakehouse().catalogName());
    lake.createIfMissing(LakehouseTable.SILVER_PERSON);
    List<SilverPerson> people = city(new Random(5));
    lake.append(LakehouseTable.SILVER_PERSON.identifier(),
        spark.createDataFrame(people.stream().map(RecordRows::toRow).toList(), Lakehouse.sparkType(LakehouseTable.SILVER_PERSON.schema())),
        "test");
    result = resolve();
  }

  /** Resolve with the model estimated from as few as 100 candidate pairs. */
  JobResult resolve() {
    ResolveSettings defaults = ResolveSettings.defaults();
    return ResolvePersonJob.run(spark, config, new ResolveSettings(MatchThresholds.defaults(), defaults.maxBlockSize(), 100,
        defaults.randomPairs(), defaults.maxIterations(), defaults.seed()));
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  List<SilverPerson> city(Random random) {
    return city(random, truth);
  }

  /** The test city's records; {@code truth} gets feed:record to the true person of each. */
  static List<SilverPerson> city(Random random, Map<String, String> truth) {
    List<SilverPerson> out = new ArrayList<>();
    for (int h = 0; h < HOUSEHOLDS; h++) {
      String surname = SURNAMES[h % SURNAMES.length];
      String phone = "139" + String.format("%08d", 20_000_000 + h);
      String building = String.valueOf(1 + h % 9);
      String room = String.valueOf(101 + h);
      boolean twins = h % 10 == 0;
      LocalDate parentBirth = LocalDate.of(1960 + h % 20, 1 + h % 12, 1 + h % 27);
      LocalDate childBirth = LocalDate.of(1990 + h % 15, 1 + (h * 7) % 12, 1 + (h * 5) % 27);
      for (int m = 0; m < 2; m++) {
        String given = GIVEN_FIRST[(h * 7 + m * 3) % GIVEN_FIRST.length] + GIVEN_SECOND[(h * 5 + m * 11) % GIVEN_SECOND.length];
        LocalDate birth = twins || m == 1 ? childBirth : parentBirth;
        String person = "T" + h + "-" + m;
        String id = TestPeople.idNumber("640106", birth.toString().replace("-", ""), 100 + h * 2 + m);
        Sex sex = (100 + h * 2 + m) % 2 == 1 ? Sex.MALE : Sex.FEMALE;
        out.add(silver("hr", person, id, surname + given, birth, sex, phone, building, room));
        truth.put("hr:" + person, person);
        // the second feed: a third without ID number, some names written with a homophone, some birth dates slipped
        boolean withoutId = random.nextInt(3) == 0;
        String name = given.startsWith("伟") && random.nextBoolean() ? surname + "纬" + given.substring(1) : surname + given;
        LocalDate slipped = random.nextInt(8) == 0 && !withoutId ? birth.plusDays(1) : birth;
        out.add(silver("health", "H-" + person, withoutId ? null : id, name, slipped, sex, random.nextInt(4) == 0 ? null : phone,
            building, room));
        truth.put("health:H-" + person, person);
      }
    }
    return out;
  }

  static SilverPerson silver(String feed, String record, String id, String name, LocalDate birth, Sex sex, String phone, String building,
      String room) {
    StringBuilder pinyin = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      pinyin.append(i == 0 ? "" : " ").append(PINYIN.get(name.substring(i, i + 1)));
    }
    return new SilverPerson(feed, record, "b1", id, null, name, pinyin.toString(), sex, birth, phone, "丽景湾小区" + building + "号楼" + room + "室",
        "金凤区", "长城中路街道", "丽景社区", "丽景湾小区", building, null, room, "640106001001", null, PlaceMatch.UNMATCHED, null,
        List.of(), null, List.of(), feed.equals("hr") ? 95 : 70, Instant.parse("2026-11-01T00:00:00Z"));
  }

  Map<String, String> masters() {
    Map<String, String> out = new HashMap<>();
    for (Row r : lake.read(JobTable.PERSON_LINK.identifier()).collectAsList()) {
      out.put(r.getAs("source_system") + ":" + r.getAs("source_record_id"), r.getAs("master_id"));
    }
    return out;
  }

  @Test
  @Order(1)
  void everyPersonsTwoRecordsBecomeOneMasterAndNoTwoPeopleShareOne() {
    Map<String, String> masters = masters();
    assertThat(masters).hasSize(truth.size());
    Map<String, Set<String>> peopleByMaster = new HashMap<>();
    Map<String, Set<String>> mastersByPerson = new HashMap<>();
    masters.forEach((record, master) -> {
      peopleByMaster.computeIfAbsent(master, k -> new HashSet<>()).add(truth.get(record));
      mastersByPerson.computeIfAbsent(truth.get(record), k -> new HashSet<>()).add(master);
    });

    assertThat(peopleByMaster.values()).as("false merges").allSatisfy(people -> assertThat(people).hasSize(1));
    // a person left in two masters is one the model was unsure of: the pair waits in the review queue
    Set<String> queuedPeople = new HashSet<>();
    for (Row r : lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).where(col("status").equalTo(PersonMatch.QUEUED)).collectAsList()) {
      String left = truth.get(r.getAs("left_source") + ":" + r.getAs("left_record"));
      if (left.equals(truth.get(r.getAs("right_source") + ":" + r.getAs("right_record")))) {
        queuedPeople.add(left);
      }
    }
    List<String> split = mastersByPerson.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    assertThat(split).as("people split over several masters, of %d", mastersByPerson.size()).hasSizeLessThanOrEqualTo(24);
    assertThat(queuedPeople).as("split people whose pair waits for a steward").containsAll(split);
    assertThat(result.number("clusters")).isEqualTo(peopleByMaster.size());
  }

  @Test
  @Order(2)
  void theModelIsEstimatedAndEveryLinkedPairKeepsItsEvidence() {
    List<Row> linked = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).where(col("status").equalTo(PersonMatch.LINKED)).collectAsList();

    assertThat(result.number("candidate_pairs")).isGreaterThan(100);
    assertThat(linked).isNotEmpty().allSatisfy(r -> {
      assertThat(r.<Double>getAs("probability")).isGreaterThanOrEqualTo(MatchThresholds.defaults().autoMatch());
      assertThat(RecordRows.stringList(r, "evidence")).hasSize(PersonComparisons.all().size()).anySatisfy(e -> assertThat(e).startsWith("name="));
    });
    Row withoutId = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier())
        .where(col("status").equalTo(PersonMatch.LINKED).and(col("evidence").getItem(0).startsWith("id_number=MISSING"))).first();
    assertThat(truth.get(withoutId.getAs("left_source") + ":" + withoutId.getAs("left_record")))
        .isEqualTo(truth.get(withoutId.getAs("right_source") + ":" + withoutId.getAs("right_record")));
  }

  @Test
  @Order(3)
  void twinsSharingSurnameHousePhoneAndBirthDateStayTwoMastersEvenWithoutIdNumbers() {
    Map<String, String> masters = masters();
    for (int h = 0; h < HOUSEHOLDS; h += 10) {
      assertThat(masters.get("hr:T" + h + "-0")).as("twins of household %d", h).isNotEqualTo(masters.get("hr:T" + h + "-1"));
      assertThat(masters.get("health:H-T" + h + "-0")).isNotEqualTo(masters.get("health:H-T" + h + "-1"));
    }
    List<Row> apart = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier())
        .where(col("rule").isin(PersonMatchRules.DIFFERENT_VALID_ID_NUMBERS, PersonMatchRules.LIKELY_RELATIVES)).collectAsList();
    assertThat(apart).allSatisfy(r -> assertThat(r.<String>getAs("status")).isNotEqualTo(PersonMatch.LINKED));
  }

  @Test
  @Order(4)
  void reRunningOnTheSameSilverChangesNoLinkAndNoMatch() {
    long linkSnapshots = lake.snapshotCount(JobTable.PERSON_LINK.identifier());
    long matchSnapshots = lake.snapshotCount(LakehouseTable.GOLD_PERSON_MATCH.identifier());

    JobResult again = resolve();

    assertThat(again.number("changed")).isZero();
    assertThat(again.number("match_changes")).isZero();
    assertThat(lake.snapshotCount(JobTable.PERSON_LINK.identifier())).isEqualTo(linkSnapshots);
    assertThat(lake.snapshotCount(LakehouseTable.GOLD_PERSON_MATCH.identifier())).isEqualTo(matchSnapshots);
  }

  void decide(String decision, Row pair, Instant at) {
    StewardDecision d = new StewardDecision("PERSON", pair.getAs("left_source"), pair.getAs("left_record"), pair.getAs("right_source"),
        pair.getAs("right_record"), decision, "steward-1", "checked with the community office", at);
    lake.createIfMissing(LakehouseTable.STEWARD_DECISION);
    lake.append(LakehouseTable.STEWARD_DECISION.identifier(), spark.createDataFrame(List.of(RecordRows.toRow(d)),
        Lakehouse.sparkType(LakehouseTable.STEWARD_DECISION.schema())), "test");
  }

  Row pair(Row like) {
    return lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier())
        .where(col("left_source").equalTo(like.<String>getAs("left_source")).and(col("left_record").equalTo(like.<String>getAs("left_record")))
            .and(col("right_source").equalTo(like.<String>getAs("right_source"))).and(col("right_record").equalTo(like.<String>getAs("right_record"))))
        .first();
  }

  @Test
  @Order(5)
  void aStewardsSplitKeepsALinkedPairApartAndALaterLinkJoinsItAgain() {
    Row linked = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier()).where(col("status").equalTo(PersonMatch.LINKED))
        .orderBy("left_source", "left_record").first();
    String left = linked.getAs("left_source") + ":" + linked.getAs("left_record");
    String right = linked.getAs("right_source") + ":" + linked.getAs("right_record");
    assertThat(masters().get(left)).isEqualTo(masters().get(right));

    decide(StewardDecision.SPLIT, linked, Instant.parse("2026-12-01T09:00:00Z"));
    resolve();

    assertThat(masters().get(left)).isNotEqualTo(masters().get(right));
    assertThat(pair(linked).<String>getAs("status")).isEqualTo(PersonMatch.APART);
    assertThat(pair(linked).<String>getAs("rule")).isEqualTo("STEWARD_SPLIT");

    decide(StewardDecision.LINK, linked, Instant.parse("2026-12-02T09:00:00Z"));
    resolve();

    assertThat(masters().get(left)).isEqualTo(masters().get(right));
    assertThat(pair(linked).<String>getAs("status")).isEqualTo(PersonMatch.LINKED);
    assertThat(pair(linked).<String>getAs("rule")).isEqualTo("STEWARD_LINK");
  }
}
