package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.HubJobs;
import org.cdhub.jobs.JobConfig;
import org.cdhub.jobs.JobResult;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.SilverRecords;
import org.cdhub.jobs.SourceContractSet;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.entity.SilverThing;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.schema.TableSchemas;

/**
 * Builds the gold layer from silver and resolve's person links: one golden record per place,
 * organization, person, thing and event with per-attribute survivorship and provenance,
 * gold.xref for every current silver record, gold.relationship for the edges between masters,
 * and gold.master_alias for master ids absorbed by another. Places go first (the others point
 * at them), persons before events (events involve persons). Every table is compared with what
 * is stored and only real changes are written: a re-run on the same input adds no snapshot.
 */
public final class MergeJob {
  public static final String NAME = "merge";
  static final List<String> XREF_KEYS = List.of("source_system", "source_record_id", "entity_type");
  static final List<String> MASTER_KEY = List.of("master_id");

  private MergeJob() {}

  public static void main(String[] args) {
    HubJobs.mainFor(NAME, args);
  }

  public static JobResult run(SparkSession spark, JobConfig config) {
    requireNonNull(spark, "spark is null");
    requireNonNull(config, "config is null");
    Progress progress = Progress.stderr(NAME);
    Lakehouse lake = new Lakehouse(spark, config.lakehouse().catalogName());
    if (!lake.exists(JobTable.PERSON_LINK.identifier())) {
      throw new IllegalStateException("Cannot merge persons: " + lake.sqlName(JobTable.PERSON_LINK.identifier())
          + " does not exist; run resolve first");
    }
    for (LakehouseTable t : List.of(LakehouseTable.GOLD_PERSON, LakehouseTable.GOLD_PLACE, LakehouseTable.GOLD_ORGANIZATION,
        LakehouseTable.GOLD_THING, LakehouseTable.GOLD_EVENT, LakehouseTable.GOLD_XREF, LakehouseTable.GOLD_RELATIONSHIP,
        LakehouseTable.GOLD_MASTER_ALIAS)) {
      lake.createIfMissing(t);
    }
    SourceContractSet contracts = SourceContractSet.load(config.contracts());
    Map<EntityType, TrustRanks> trust = new EnumMap<>(EntityType.class);
    for (EntityType e : EntityType.values()) {
      trust.put(e, TrustRanks.of(contracts.ofEntity(e)));
    }
    SurvivorshipPolicy policy = SurvivorshipPolicy.fromEnvironment(System.getenv());
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, PersonEvidence.ZONE);
    String runId = NAME + "-" + now;
    GoldEntityBuilders builders = new GoldEntityBuilders(trust, policy);

    // every intermediate is local-checkpointed (plans stay short); the job's session ends with the run
    MergedPlaces places = MergedPlaces.of(lake, new GoldPlaceBuilder(trust.get(EntityType.PLACE), policy), now, runId);
    Dataset<Row> placeIndex = places.index();
    progress.say("%d golden place(s) from %d place record(s)", places.gold().count(), places.xref().count());

    Merged orgs = organizations(lake, builders, placeIndex, now, runId);
    MergedPersons mergedPersons = MergedPersons.of(lake, new GoldPersonBuilder(trust.get(EntityType.PERSON), policy), placeIndex,
        places.houseGrids(), now, today, runId);
    Merged persons = mergedPersons.merged();
    progress.say("%d golden person(s), %d organization(s)", persons.gold().count(), orgs.gold().count());
    Merged things = things(lake, builders, placeIndex, now, runId);
    Merged events = events(lake, builders, placeIndex, mergedPersons, now, runId);
    progress.say("%d golden thing(s), %d event(s); linking them", things.gold().count(), events.gold().count());

    Dataset<Row> edges = Relationships.of(places, mergedPersons, orgs, things, events, now).localCheckpoint();
    Map<String, Long> edgeCounts = new TreeMap<>();
    for (Row r : edges.groupBy("relationship_type").count().collectAsList()) {
      edgeCounts.put(r.getString(0), r.getLong(1));
    }
    progress.say("relationships by type %s", edgeCounts);

    Dataset<Row> xref = places.xref().unionByName(orgs.xref()).unionByName(persons.xref()).unionByName(things.xref())
        .unionByName(events.xref()).localCheckpoint();
    Dataset<Row> live = masters(places.gold(), EntityType.PLACE).unionByName(masters(orgs.gold(), EntityType.ORGANIZATION))
        .unionByName(masters(persons.gold(), EntityType.PERSON)).unionByName(masters(things.gold(), EntityType.THING))
        .unionByName(masters(events.gold(), EntityType.EVENT));
    Dataset<Row> aliases = MasterAliases.after(lake.read(LakehouseTable.GOLD_XREF), xref, live,
        lake.read(LakehouseTable.GOLD_MASTER_ALIAS), runId, now).localCheckpoint();
    long aliasCount = aliases.count();

    Map<String, Long> changed = new TreeMap<>();
    changed.put("place", GoldTableWriter.write(lake, LakehouseTable.GOLD_PLACE, places.gold(), MASTER_KEY, NAME));
    changed.put("organization", GoldTableWriter.write(lake, LakehouseTable.GOLD_ORGANIZATION, orgs.gold(), MASTER_KEY, NAME));
    changed.put("person", GoldTableWriter.write(lake, LakehouseTable.GOLD_PERSON, persons.gold(), MASTER_KEY, NAME));
    changed.put("thing", GoldTableWriter.write(lake, LakehouseTable.GOLD_THING, things.gold(), MASTER_KEY, NAME));
    changed.put("event", GoldTableWriter.write(lake, LakehouseTable.GOLD_EVENT, events.gold(), MASTER_KEY, NAME));
    // aliases before xref: they are computed from the xref stored before this run
    changed.put("master_alias", GoldTableWriter.write(lake, LakehouseTable.GOLD_MASTER_ALIAS, aliases, List.of("alias_id"), NAME));
    changed.put("xref", GoldTableWriter.write(lake, LakehouseTable.GOLD_XREF, xref, XREF_KEYS, NAME));
    changed.put("relationship", GoldTableWriter.write(lake, LakehouseTable.GOLD_RELATIONSHIP, edges,
        List.of("relationship_type", "from_id", "to_id"), NAME));
    long total = changed.values().stream().mapToLong(Long::longValue).sum();
    progress.say("rows changed per table %s; %d alias(es)", changed, aliasCount);
    return JobResult.of(NAME)
        .put("gold_persons", persons.gold().count())
        .put("gold_places", places.gold().count())
        .put("gold_organizations", orgs.gold().count())
        .put("gold_things", things.gold().count())
        .put("gold_events", events.gold().count())
        .put("xref_rows", xref.count())
        .put("relationships", edges.count())
        .put("aliases", aliasCount)
        .put("changed", total)
        .build();
  }

  /** A merged entity: its golden rows and its xref rows, both persisted. */
  record Merged(Dataset<Row> gold, Dataset<Row> xref) {}

  static Dataset<Row> masters(Dataset<Row> gold, EntityType type) {
    return gold.select(lit(type.name()).as("entity_type"), col("master_id"));
  }

  /** xref rows: the record, its entity type, master and the rule that made the link. */
  static Dataset<Row> xref(Dataset<Row> keyed, EntityType type, Column rule, String runId, Instant now) {
    return keyed.select(col("source_system"), col("source_record_id"), lit(type.name()).as("entity_type"), col("master_id"),
        rule.as("match_rule"), lit(null).cast(DataTypes.DoubleType).as("match_score"), lit(runId).as("run_id"), lit(now).as("linked_at"));
  }

  /**
   * The place master each record's address matched (place_match and place_code from standardize)
   * as place_id; null when unmatched or the place has no master.
   */
  static Dataset<Row> withPlaceId(Dataset<Row> silver, Dataset<Row> placeIndex) {
    Dataset<Row> index = placeIndex.select(col("place_type").as("_pt"), col("code").as("_pc"), col("master_id").as("place_id"));
    return silver.join(index, silver.col("place_match").equalTo(index.col("_pt")).and(silver.col("place_code").equalTo(index.col("_pc"))), "left")
        .drop("_pt", "_pc");
  }

  static Merged organizations(Lakehouse lake, GoldEntityBuilders builders, Dataset<Row> placeIndex, Instant now, String runId) {
    Dataset<Row> silver = SilverRecords.current(lake, LakehouseTable.SILVER_ORGANIZATION);
    // a record without a credit code joins the organization registered under its exact name, when only one is
    HashMap<String, String> creditCodeByName = new HashMap<>();
    for (Row r : silver.filter(col("credit_code").isNotNull().and(col("name").isNotNull()))
        .groupBy("name").agg(min("credit_code").as("code"), org.apache.spark.sql.functions.countDistinct("credit_code").as("codes"))
        .filter(col("codes").equalTo(1)).collectAsList()) {
      creditCodeByName.put(r.getString(0), r.getString(1));
    }
    UserDefinedFunction key = udf((UDF1<Row, String>) r -> MasterKeys.organization(RecordRows.fromRow(r, SilverOrganization.class), creditCodeByName),
        DataTypes.StringType);
    Dataset<Row> keyed = keyed(withPlaceId(silver, placeIndex), key, MasterKeys.ORGANIZATION_PREFIX);
    Dataset<Row> gold = golden(keyed, LakehouseTable.GOLD_ORGANIZATION, SilverOrganization.class,
        (id, records) -> builders.organization(id, records, now));
    Column rule = org.apache.spark.sql.functions.when(col("credit_code").isNotNull(), lit("CREDIT_CODE"))
        .when(col("master_key").startsWith("CC"), lit("NAME_TO_CREDIT_CODE"))
        .when(col("master_key").startsWith("NAME"), lit("NAME_IN_COMMUNITY"))
        .otherwise(lit("SINGLETON"));
    return new Merged(gold, xref(keyed, EntityType.ORGANIZATION, rule, runId, now).localCheckpoint());
  }

  static Merged things(Lakehouse lake, GoldEntityBuilders builders, Dataset<Row> placeIndex, Instant now, String runId) {
    Dataset<Row> silver = SilverRecords.current(lake, LakehouseTable.SILVER_THING);
    UserDefinedFunction key = udf((UDF1<Row, String>) r -> MasterKeys.thing(RecordRows.fromRow(r, SilverThing.class)), DataTypes.StringType);
    Dataset<Row> keyed = keyed(withPlaceId(silver, placeIndex), key, MasterKeys.THING_PREFIX);
    Dataset<Row> gold = golden(keyed, LakehouseTable.GOLD_THING, SilverThing.class, (id, records) -> builders.thing(id, records, now));
    Column rule = org.apache.spark.sql.functions.when(col("identifier").isNotNull(), lit("IDENTIFIER")).otherwise(lit("SINGLETON"));
    return new Merged(gold, xref(keyed, EntityType.THING, rule, runId, now).localCheckpoint());
  }

  static Merged events(Lakehouse lake, GoldEntityBuilders builders, Dataset<Row> placeIndex, MergedPersons persons, Instant now,
      String runId) {
    Dataset<Row> silver = withPlaceId(SilverRecords.current(lake, LakehouseTable.SILVER_EVENT), placeIndex);
    // the person involved: by ID number, else by a phone number only one master has
    Dataset<Row> byId = persons.byIdNumber().select(col("id_number").as("_pid"), col("master_id").as("_by_id"));
    Dataset<Row> byPhone = persons.merged().gold().filter(col("phone").isNotNull()).groupBy(col("phone").as("_phone"))
        .agg(min("master_id").as("_by_phone"), count(lit(1)).as("_n")).filter(col("_n").equalTo(1)).drop("_n");
    Dataset<Row> withPerson = silver
        .join(byId, upper(silver.col("involved_id_number")).equalTo(byId.col("_pid")), "left")
        .join(byPhone, silver.col("involved_phone").equalTo(byPhone.col("_phone")), "left")
        .withColumn("person_id", coalesce(col("_by_id"), col("_by_phone")))
        .drop("_pid", "_by_id", "_phone", "_by_phone");
    UserDefinedFunction key = udf((UDF1<Row, String>) r -> MasterKeys.event(RecordRows.fromRow(r, SilverEvent.class)), DataTypes.StringType);
    Dataset<Row> keyed = keyed(withPerson, key, MasterKeys.EVENT_PREFIX);
    Dataset<Row> gold = golden(keyed, LakehouseTable.GOLD_EVENT, SilverEvent.class, (id, records) -> builders.event(id, records, now));
    Column rule = org.apache.spark.sql.functions.when(col("source_event_id").isNotNull(), lit("SOURCE_EVENT_ID")).otherwise(lit("SINGLETON"));
    return new Merged(gold, xref(keyed, EntityType.EVENT, rule, runId, now).localCheckpoint());
  }

  /** Builds one golden record from a master's resolved source records. */
  interface MasterBuilder<R extends Record> extends java.io.Serializable {
    Record build(String masterId, List<ResolvedRecord<R>> records);
  }

  /** One golden row per master_id of {@code keyed}, checkpointed. */
  private static <R extends Record> Dataset<Row> golden(Dataset<Row> keyed, LakehouseTable table, Class<R> silverType, MasterBuilder<R> builder) {
    return keyed.groupByKey((MapFunction<Row, String>) r -> r.getAs("master_id"), Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, Row, Row>) (id, rows) -> RecordRows.toRow(builder.build(id, resolved(rows, silverType))),
            Encoders.row(Lakehouse.sparkType(table.schema())))
        .localCheckpoint();
  }

  /** The rows with master_key (from {@code key} over the silver columns) and master_id. */
  private static Dataset<Row> keyed(Dataset<Row> rows, UserDefinedFunction key, String prefix) {
    Column all = struct(java.util.Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new));
    UserDefinedFunction id = udf((UDF1<String, String>) k -> MasterKeys.masterId(prefix, k), DataTypes.StringType);
    return rows.withColumn("master_key", key.apply(all)).withColumn("master_id", id.apply(col("master_key")));
  }

  private static <R extends Record> List<ResolvedRecord<R>> resolved(Iterator<Row> rows, Class<R> type) {
    List<ResolvedRecord<R>> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      // only events carry the person involved
      scala.Option<Object> person = r.schema().getFieldIndex("person_id");
      out.add(new ResolvedRecord<>(RecordRows.fromRow(r, type), r.getAs("place_id"),
          person.isEmpty() ? null : r.getString((Integer) person.get())));
    }
    return out;
  }


  /** Places from their hierarchy facts: golden rows, xref, and the code index other entities resolve place codes with. */
  record MergedPlaces(Dataset<Row> gold, Dataset<Row> xref, Dataset<Row> evidence) {
    static MergedPlaces of(Lakehouse lake, GoldPlaceBuilder builder, Instant now, String runId) {
      Dataset<Row> silver = SilverRecords.current(lake, LakehouseTable.SILVER_PLACE).localCheckpoint();
      HashMap<String, String> compoundCodes = new HashMap<>();
      Map<String, String> seen = new HashMap<>();
      for (Row r : silver.filter(col("place_type").equalTo(PlaceType.COMPOUND.name()).and(col("code").isNotNull())).collectAsList()) {
        SilverPlace p = RecordRows.fromRow(r, SilverPlace.class);
        String k = PlaceHierarchy.compoundKeyOf(p);
        if (k != null) {
          String before = seen.putIfAbsent(k, p.code().strip());
          // two compound records at one position with different codes: no building codes from either
          compoundCodes.put(k, before == null || before.equals(p.code().strip()) ? p.code().strip() : null);
        }
      }
      compoundCodes.values().removeIf(java.util.Objects::isNull);
      StructType factType = Lakehouse.sparkType(TableSchemas.of(PlaceFact.class));
      Dataset<Row> facts = silver.flatMap((FlatMapFunction<Row, Row>) r ->
              PlaceHierarchy.facts(RecordRows.fromRow(r, SilverPlace.class), compoundCodes).stream().map(RecordRows::toRow).iterator(),
          Encoders.row(factType)).localCheckpoint();
      StructType goldType = Lakehouse.sparkType(LakehouseTable.GOLD_PLACE.schema());
      Dataset<Row> built = facts.groupByKey((MapFunction<Row, String>) r -> r.getAs("place_key"), Encoders.STRING())
          .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> {
            List<PlaceFact> list = new ArrayList<>();
            rows.forEachRemaining(r -> list.add(RecordRows.fromRow(r, PlaceFact.class)));
            return RecordRows.toRow(builder.build(key, list, now));
          }, Encoders.row(goldType))
          .localCheckpoint();
      // a house the register gives no grid lies in its building's (grids take whole buildings)
      Dataset<Row> buildingGrids = built.filter(col("place_type").equalTo(PlaceType.BUILDING.name()).and(col("grid_code").isNotNull()))
          .select(col("master_id").as("_building"), col("grid_code").as("_building_grid"));
      Dataset<Row> gold = built.join(buildingGrids, built.col("parent_id").equalTo(buildingGrids.col("_building"))
              .and(built.col("place_type").equalTo(PlaceType.HOUSE.name())).and(built.col("grid_code").isNull()), "left")
          .map((MapFunction<Row, Row>) r -> {
            MasterPlace place = RecordRows.fromRow(r, MasterPlace.class);
            String buildingGrid = r.getAs("_building_grid");
            return RecordRows.toRow(buildingGrid == null ? place : GoldPlaceBuilder.inBuildingGrid(place, buildingGrid));
          }, Encoders.row(goldType))
          .localCheckpoint();
      UserDefinedFunction id = udf((UDF1<String, String>) PlaceHierarchy::masterId, DataTypes.StringType);
      Dataset<Row> direct = facts.filter(col("direct")).withColumn("master_id", id.apply(col("place_key")));
      Dataset<Row> xref = MergeJob.xref(direct, EntityType.PLACE, lit("PLACE_POSITION"), runId, now).localCheckpoint();
      // what the owner and manager edges need, so silver.place is read once
      Dataset<Row> evidence = silver.filter(col("owner_id_number").isNotNull().or(col("manager_credit_code").isNotNull()))
          .select("source_system", "source_record_id", "place_type", "owner_id_number", "manager_credit_code").localCheckpoint();
      return new MergedPlaces(gold, xref, evidence);
    }

    /** place_type, code, master_id: one master per code of each level (the smallest id if a code repeats). */
    Dataset<Row> index() {
      return gold.filter(col("code").isNotNull()).groupBy("place_type", "code").agg(min("master_id").as("master_id"));
    }

    /** house_master_id, house_grid_code: the grid of each house that has one, for its residents. */
    Dataset<Row> houseGrids() {
      return gold.filter(col("place_type").equalTo(PlaceType.HOUSE.name()).and(col("grid_code").isNotNull()))
          .select(col("master_id").as("house_master_id"), col("grid_code").as("house_grid_code"));
    }
  }

  /**
   * Persons from resolve's links, with their house and key-population tags; and which master
   * holds each ID number (from every record, not only the surviving one), for the edges and
   * events that name a person by ID number.
   */
  record MergedPersons(Merged merged, Dataset<Row> byIdNumber, Dataset<Row> households) {
    static MergedPersons of(Lakehouse lake, GoldPersonBuilder builder, Dataset<Row> placeIndex, Dataset<Row> houseGrids, Instant now,
        LocalDate today, String runId) {
      Dataset<Row> links = lake.read(JobTable.PERSON_LINK.identifier())
          .select(col("source_system"), col("source_record_id"), col("master_id"), col("match_rule"));
      Dataset<Row> placed = withPlaceId(SilverRecords.current(lake, LakehouseTable.SILVER_PERSON), placeIndex);
      Dataset<Row> linked = placed
          .join(houseGrids, placed.col("place_id").equalTo(houseGrids.col("house_master_id")), "left").drop("house_master_id")
          .join(links, Lakehouse.columns(List.of("source_system", "source_record_id")), "left")
          .localCheckpoint();
      long unlinked = linked.filter(col("master_id").isNull()).count();
      if (unlinked > 0) {
        throw new IllegalStateException("Cannot merge persons: " + unlinked
            + " current silver person record(s) have no master link; run resolve first");
      }
      StructType goldType = Lakehouse.sparkType(LakehouseTable.GOLD_PERSON.schema());
      Dataset<Row> built = linked
          .groupByKey((MapFunction<Row, String>) r -> r.getAs("master_id"), Encoders.STRING())
          .mapGroups((MapGroupsFunction<String, Row, Row>) (id, rows) -> {
            List<PersonEvidence> evidence = new ArrayList<>();
            rows.forEachRemaining(r -> evidence.add(evidence(r)));
            return RecordRows.toRow(builder.build(id, evidence, now, today));
          }, Encoders.row(goldType))
          .localCheckpoint();
      // living alone needs every person's house first: residents per house, then the tag
      Dataset<Row> residents = built.filter(col("house_id").isNotNull()).groupBy(col("house_id").as("_house")).agg(count(lit(1)).as("_residents"));
      Dataset<Row> gold = built.join(residents, built.col("house_id").equalTo(residents.col("_house")), "left")
          .map((MapFunction<Row, Row>) r -> {
            Long n = r.getAs("_residents");
            MasterPerson p = RecordRows.fromRow(r, MasterPerson.class);
            return RecordRows.toRow(KeyPopulations.withLivingAlone(p, n == null ? 0 : n, today));
          }, Encoders.row(goldType))
          .localCheckpoint();
      gold.count();
      Dataset<Row> xref = MergeJob.xref(linked, EntityType.PERSON, col("match_rule"), runId, now).localCheckpoint();
      // an ID number on records of two masters (a typo, or a steward split) names neither
      Dataset<Row> byIdNumber = linked.filter(col("id_number").isNotNull())
          .groupBy(upper(col("id_number")).as("id_number"))
          .agg(min("master_id").as("master_id"), org.apache.spark.sql.functions.countDistinct("master_id").as("_masters"))
          .filter(col("_masters").equalTo(1)).drop("_masters")
          .localCheckpoint();
      Dataset<Row> households = linked.filter(col("household_no").isNotNull())
          .select("source_system", "source_record_id", "household_no", "master_id").localCheckpoint();
      return new MergedPersons(new Merged(gold, xref), byIdNumber, households);
    }

    static PersonEvidence evidence(Row r) {
      boolean house = PlaceType.HOUSE.name().equals(r.getAs("place_match"));
      return new PersonEvidence(
          r.getAs("source_system"),
          r.getAs("source_record_id"),
          r.getAs("ingested_at"),
          r.<Integer>getAs("trust_rank"),
          r.getAs("id_number"),
          r.getAs("other_id_number"),
          r.getAs("name"),
          r.getAs("name_pinyin"),
          r.getAs("sex"),
          r.getAs("birth_date"),
          r.getAs("phone"),
          address(r),
          house ? r.getAs("place_id") : null,
          house ? r.getAs("house_grid_code") : null,
          r.getAs("community_code"),
          RecordRows.stringList(r, "tags"),
          r.getAs("status"),
          completeness(r));
    }

    /** Share of the silver columns set, over the record's own columns (not the join's). */
    private static double completeness(Row r) {
      String[] own = SILVER_PERSON_COLUMNS;
      int set = 0;
      for (String c : own) {
        if (r.getAs(c) != null) {
          set++;
        }
      }
      return (double) set / own.length;
    }

    private static final String[] SILVER_PERSON_COLUMNS = LakehouseTable.SILVER_PERSON.schema().columns().stream()
        .map(org.apache.iceberg.types.Types.NestedField::name).toArray(String[]::new);

    /** The parsed parts in the kernel's canonical form; the raw text when nothing was parsed. */
    static String address(Row r) {
      String[] parts = {"district", "street", "community", "compound", "building", "unit", "room"};
      boolean any = false;
      for (String p : parts) {
        any |= r.getAs(p) != null;
      }
      if (!any) {
        return r.getAs("address_raw");
      }
      return new ParsedAddress(r.getAs("district"), r.getAs("street"), r.getAs("community"), r.getAs("compound"),
          r.getAs("building"), r.getAs("unit"), r.getAs("room"), null).standardForm();
    }
  }
}
