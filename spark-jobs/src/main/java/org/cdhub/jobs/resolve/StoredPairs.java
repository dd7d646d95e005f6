package org.cdhub.jobs.resolve;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * The stored pairs (gold.person_match) with at least one record an increment involves, read in
 * one pass, and what the increment changes in them: every newly scored pair is written; a
 * stored pair of a fresh record that is no longer scored is deleted; a stored pair between two
 * existing involved records gets its status again (a merge links a pair that was queued).
 */
final class StoredPairs {
  private static final String STEWARD_RULE_PREFIX = "STEWARD_";

  private final IncrementalClusters involved;
  private final StructType schema;
  private final List<Row> rows;

  private StoredPairs(IncrementalClusters involved, StructType schema, List<Row> rows) {
    this.involved = involved;
    this.schema = schema;
    this.rows = rows;
  }

  /** The stored pairs with a side among {@code involvedKeys} (source_system, source_record_id). */
  static StoredPairs read(Lakehouse lake, IncrementalClusters involved, Dataset<Row> involvedKeys) {
    Dataset<Row> all = lake.read(LakehouseTable.GOLD_PERSON_MATCH.identifier());
    Dataset<Row> left = involvedKeys.select(col(SilverPersons.SOURCE_SYSTEM).as("l_source"), col(SilverPersons.SOURCE_RECORD_ID).as("l_record"),
        lit(true).as("l_in"));
    Dataset<Row> right = involvedKeys.select(col(SilverPersons.SOURCE_SYSTEM).as("r_source"), col(SilverPersons.SOURCE_RECORD_ID).as("r_record"),
        lit(true).as("r_in"));
    // one scan, two broadcast probes: a pair joins at most one key per side
    Dataset<Row> touching = all
        .join(broadcast(left), col("left_source").equalTo(col("l_source")).and(col("left_record").equalTo(col("l_record"))), "left_outer")
        .join(broadcast(right), col("right_source").equalTo(col("r_source")).and(col("right_record").equalTo(col("r_record"))), "left_outer")
        .filter(col("l_in").isNotNull().or(col("r_in").isNotNull()))
        .select(Arrays.stream(all.columns()).map(functions::col).toArray(Column[]::new));
    return new StoredPairs(involved, all.schema(), touching.collectAsList());
  }

  /** Stored pairs of two involved records that the relatives rule keeps apart, as uids. */
  List<long[]> relatives() {
    List<long[]> out = new ArrayList<>();
    for (Row r : rows) {
      IncrementalClusters.Member a = left(r);
      IncrementalClusters.Member b = right(r);
      if (a != null && b != null && IncrementalClusters.keptApartAsRelatives(r.getAs("band"), r.getAs("rule"))) {
        out.add(new long[] {a.uid(), b.uid()});
      }
    }
    return out;
  }

  /**
   * Writes the changed pairs in one commit and returns how many rows were written or deleted.
   * {@code scored}: this run's scored pairs (left_uid, right_uid, probability, weight, band, rule,
   * evidence).
   */
  long writeChanges(Lakehouse lake, List<Row> scored, Map<Long, IncrementalClusters.Placed> placed,
      List<IncrementalClusters.Decision> decisions, String runId) {
    Map<List<Long>, String> decisionOf = new HashMap<>();
    decisions.forEach(d -> decisionOf.put(List.of(d.leftUid(), d.rightUid()), d.decision()));
    List<Row> written = new ArrayList<>();
    Set<List<String>> scoredKeys = new HashSet<>();
    for (Row r : scored) {
      IncrementalClusters.Placed l = placed.get(r.getLong(0));
      IncrementalClusters.Placed q = placed.get(r.getLong(1));
      boolean swap = q.member().recordKey().compareTo(l.member().recordKey()) < 0;
      IncrementalClusters.Member a = swap ? q.member() : l.member();
      IncrementalClusters.Member b = swap ? l.member() : q.member();
      String decision = decisionOf.get(List.of(Math.min(r.getLong(0), r.getLong(1)), Math.max(r.getLong(0), r.getLong(1))));
      String band = r.getString(4);
      Map<String, Object> values = new HashMap<>();
      values.put("left_source", a.source());
      values.put("left_record", a.record());
      values.put("right_source", b.source());
      values.put("right_record", b.record());
      values.put("probability", r.getDouble(2));
      values.put("weight", r.getDouble(3));
      values.put("band", band);
      values.put("rule", decision != null ? STEWARD_RULE_PREFIX + decision : r.getString(5));
      values.put("evidence", r.get(6));
      values.put("status", IncrementalClusters.status(l.clusterUid() == q.clusterUid(), decision != null, band));
      values.put("run_id", runId);
      written.add(IncrementalResolve.row(schema, values));
      scoredKeys.add(List.of(a.source(), a.record(), b.source(), b.record()));
    }

    Map<List<String>, Row> compared = new HashMap<>();
    List<Row> deletes = new ArrayList<>();
    StructType keySchema = new StructType(ResolvePersonJob.MATCH_KEYS.stream().map(schema::apply).toArray(StructField[]::new));
    for (Row r : rows) {
      IncrementalClusters.Member a = left(r);
      IncrementalClusters.Member b = right(r);
      boolean touchesFresh = a != null && a.fresh() || b != null && b.fresh();
      if (!(a != null && b != null) && !touchesFresh) {
        continue; // one side outside the involved clusters: that record's cluster did not change
      }
      compared.put(key(r), r);
      if (a != null && b != null && !touchesFresh) {
        String rule = r.getAs("rule");
        String status = IncrementalClusters.status(placed.get(a.uid()).clusterUid() == placed.get(b.uid()).clusterUid(),
            rule != null && rule.startsWith(STEWARD_RULE_PREFIX), r.getAs("band"));
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = r.get(i);
        }
        values[schema.fieldIndex("status")] = status;
        values[schema.fieldIndex("run_id")] = runId;
        written.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values, schema));
      } else if (touchesFresh && !scoredKeys.contains(key(r))) {
        deletes.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
            ResolvePersonJob.MATCH_KEYS.stream().map(r::getAs).toArray(), keySchema));
      }
    }
    List<Row> upserts = written.stream().filter(w -> !sameOnCompared(w, compared.get(key(w)))).toList();
    return lake.writeKeyedChanges(LakehouseTable.GOLD_PERSON_MATCH.identifier(), upserts, deletes, schema, ResolvePersonJob.MATCH_KEYS,
        ResolvePersonJob.NAME, IncrementalResolve.DRIVER_DELTA_MAX_ROWS);
  }

  private IncrementalClusters.Member left(Row r) {
    return involved.member(r.getAs("left_source"), r.getAs("left_record"));
  }

  private IncrementalClusters.Member right(Row r) {
    return involved.member(r.getAs("right_source"), r.getAs("right_record"));
  }

  private static List<String> key(Row r) {
    return ResolvePersonJob.MATCH_KEYS.stream().map(c -> (String) r.getAs(c)).toList();
  }

  /** Whether a stored row already says what {@code row} says (ResolvePersonJob.MATCH_COMPARED). */
  private static boolean sameOnCompared(Row row, Row stored) {
    return stored != null && ResolvePersonJob.MATCH_COMPARED.stream().allMatch(c -> Objects.equals(row.getAs(c), stored.getAs(c)));
  }
}
