package org.cdhub.jobs.merge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.upper;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.merge.MergeJob.Merged;
import org.cdhub.jobs.merge.MergeJob.MergedPersons;
import org.cdhub.jobs.merge.MergeJob.MergedPlaces;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.entity.RelationshipType;

/**
 * gold.relationship: typed edges between masters, each with the source record that evidences
 * it. Edges a golden attribute implies (a person's house, a thing's place) name the record the
 * attribute survived from; edges only a record states (an owner, a manager, a household) name
 * that record. One edge per type and pair of masters: the smallest source wins.
 */
final class Relationships {
  private Relationships() {}

  static Dataset<Row> of(MergedPlaces places, MergedPersons mergedPersons, Merged orgs, Merged things, Merged events,
      Instant now) {
    Merged persons = mergedPersons.merged();
    Dataset<Row> placeXref = places.xref().select(col("source_system"), col("source_record_id"), col("master_id").as("place_master"));
    Dataset<Row> edges = fromAttribute(places.gold(), RelationshipType.PART_OF, "parent_id", null)
        .unionByName(fromAttribute(persons.gold(), RelationshipType.LIVES_IN, "house_id", "house_id"))
        .unionByName(fromAttribute(orgs.gold(), RelationshipType.LOCATED_AT, "place_id", "place_id"))
        .unionByName(fromAttribute(things.gold(), RelationshipType.INSTALLED_AT, "place_id", "place_id"))
        .unionByName(fromAttribute(events.gold(), RelationshipType.OCCURRED_AT, "place_id", "place_id"))
        .unionByName(involves(events.gold()))
        .unionByName(owners(places.evidence(), placeXref, mergedPersons.byIdNumber()))
        .unionByName(managers(places.evidence(), placeXref, orgs.gold()))
        .unionByName(households(mergedPersons.households()));
    return edges.groupBy("relationship_type", "from_id", "to_id")
        .agg(min(org.apache.spark.sql.functions.struct(col("source_system"), col("source_record_id"))).as("s"))
        .select(col("relationship_type"), col("from_id"), col("to_id"), col("s.source_system").as("source_system"),
            col("s.source_record_id").as("source_record_id"), lit(null).cast(DataTypes.TimestampType).as("valid_from"),
            lit(now).as("updated_at"));
  }

  /**
   * master_id -> the master in {@code column}; the source is the record the attribute's
   * provenance names ({@code feed:record:RULE}), or, for place hierarchy edges, none.
   */
  static Dataset<Row> fromAttribute(Dataset<Row> gold, RelationshipType type, String column, String provenanceKey) {
    Column provenance = provenanceKey == null ? lit(null).cast(DataTypes.StringType) : element_at(col("provenance"), provenanceKey);
    return gold.filter(col(column).isNotNull())
        .withColumn("_p", provenance)
        .select(lit(type.name()).as("relationship_type"), col("master_id").as("from_id"), col(column).as("to_id"),
            substring_index(col("_p"), ":", 1).as("source_system"),
            regexp_extract(col("_p"), "^[^:]*:(.*):[^:]*$", 1).as("source_record_id"));
  }

  static Dataset<Row> involves(Dataset<Row> events) {
    Column provenance = element_at(col("provenance"), "source_event_id");
    return events.select(col("master_id"), explode(col("person_ids")).as("person"), provenance.as("_p"))
        .select(lit(RelationshipType.INVOLVES.name()).as("relationship_type"), col("master_id").as("from_id"), col("person").as("to_id"),
            substring_index(col("_p"), ":", 1).as("source_system"),
            regexp_extract(col("_p"), "^[^:]*:(.*):[^:]*$", 1).as("source_record_id"));
  }

  /** Registered owners of houses who are persons: owner ID number -> the person master holding it. */
  static Dataset<Row> owners(Dataset<Row> placeEvidence, Dataset<Row> placeXref, Dataset<Row> personByIdNumber) {
    Dataset<Row> houses = placeEvidence
        .filter(col("place_type").equalTo(PlaceType.HOUSE.name()).and(length(col("owner_id_number")).equalTo(18)))
        .select(col("source_system"), col("source_record_id"), upper(col("owner_id_number")).as("owner"));
    Dataset<Row> byId = personByIdNumber.select(col("id_number").as("owner"), col("master_id").as("person"));
    return houses.join(placeXref, Lakehouse.columns(List.of("source_system", "source_record_id")))
        .join(byId, "owner")
        .select(lit(RelationshipType.OWNS.name()).as("relationship_type"), col("person").as("from_id"), col("place_master").as("to_id"),
            col("source_system"), col("source_record_id"));
  }

  /** Compounds' property companies: manager credit code -> the organization master registered under it. */
  static Dataset<Row> managers(Dataset<Row> placeEvidence, Dataset<Row> placeXref, Dataset<Row> orgs) {
    UserDefinedFunction orgId = udf((UDF1<String, String>) code -> MasterKeys.masterId(MasterKeys.ORGANIZATION_PREFIX, MasterKeys.creditCode(code)),
        DataTypes.StringType);
    Dataset<Row> compounds = placeEvidence
        .filter(col("place_type").equalTo(PlaceType.COMPOUND.name()).and(col("manager_credit_code").isNotNull()))
        .select(col("source_system"), col("source_record_id"), orgId.apply(col("manager_credit_code")).as("org"));
    return compounds.join(placeXref, Lakehouse.columns(List.of("source_system", "source_record_id")))
        .join(orgs.select(col("master_id").as("org")), "org")
        .select(lit(RelationshipType.MANAGES.name()).as("relationship_type"), col("org").as("from_id"), col("place_master").as("to_id"),
            col("source_system"), col("source_record_id"));
  }

  /** Members of one household number in one feed: an edge between every two of their masters (smaller id first). */
  static Dataset<Row> households(Dataset<Row> members) {
    Dataset<Row> a = members.select(col("source_system").as("feed"), col("household_no").as("hh"), col("master_id").as("a"),
        col("source_record_id").as("record"));
    Dataset<Row> b = members.select(col("source_system").as("feed_b"), col("household_no").as("hh_b"), col("master_id").as("b"));
    return a.join(b, a.col("feed").equalTo(b.col("feed_b")).and(a.col("hh").equalTo(b.col("hh_b"))).and(a.col("a").lt(b.col("b"))))
        .select(lit(RelationshipType.MEMBER_OF_HOUSEHOLD.name()).as("relationship_type"), col("a").as("from_id"), col("b").as("to_id"),
            col("feed").as("source_system"), col("record").as("source_record_id"));
  }
}
