package org.cdhub.jobs.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.util.LongAccumulator;
import org.cdhub.jobs.Progress;
import org.cdhub.jobs.SilverPersons;
import org.cdhub.jobs.resolve.match.BlockingKeys;
import org.cdhub.jobs.resolve.match.Comparison;
import org.cdhub.jobs.resolve.match.ComparisonPattern;
import org.cdhub.jobs.resolve.match.ExpectationMaximization;
import org.cdhub.jobs.resolve.match.MatchModel;
import org.cdhub.jobs.resolve.match.PairEvidence;
import org.cdhub.jobs.resolve.match.PersonComparisons;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;

/**
 * The probabilistic half of person resolve: candidate pairs from blocks, their comparison
 * patterns, the model estimated from those patterns (EM), and every pair scored, banded and
 * put through the hard rules. Records are addressed by a run-local {@code uid}.
 */
final class PersonMatching {
  /** Columns of the records this class reads, besides {@code uid}. */
  static final List<String> COMPARED = List.of("id_number", "name", "name_pinyin", "birth_date", "sex", "phone", "compound",
      "building", "unit", "room", "place_code", "place_match", "other_id_number");

  /** A record in one of its blocks; {@code fresh}: new or changed in this run (a full run: every record). */
  static final StructType BLOCKED = new StructType()
      .add("block_hash", DataTypes.LongType, false)
      .add("uid", DataTypes.LongType, false)
      .add("fresh", DataTypes.BooleanType, false)
      .add("record", recordType(), false);

  static final StructType BLOCK_KEY = new StructType()
      .add("block", DataTypes.LongType, false)
      .add(SilverPersons.SOURCE_SYSTEM, DataTypes.StringType, false)
      .add(SilverPersons.SOURCE_RECORD_ID, DataTypes.StringType, false);

  static final StructType PAIR = new StructType()
      .add("left_uid", DataTypes.LongType, false)
      .add("right_uid", DataTypes.LongType, false)
      .add("levels", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add("cannot_link", DataTypes.BooleanType, false)
      .add("same_surname", DataTypes.BooleanType, false);

  static final StructType SCORED = new StructType()
      .add("left_uid", DataTypes.LongType, false)
      .add("right_uid", DataTypes.LongType, false)
      .add("probability", DataTypes.DoubleType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("band", DataTypes.StringType, false)
      .add("rule", DataTypes.StringType, true)
      .add("evidence", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private PersonMatching() {}

  /** The candidate pairs, each once: records sharing a block no larger than {@code maxBlockSize}. */
  static Dataset<Row> candidatePairs(Dataset<Row> records, int maxBlockSize, LongAccumulator skippedBlocks) {
    return pairsInBlocks(blocked(records.withColumn("fresh", lit(true))), maxBlockSize, skippedBlocks);
  }

  /**
   * The hash a blocking key is grouped and stored by: the key holds personal data (an ID number,
   * a phone), its 64-bit hash does not, and two keys sharing one only add a few pairs to compare.
   * Spark's xxhash64 of the key (seed 42), worked out here so that the driver and the executors
   * agree with the keys stored in gold.person_block.
   */
  static long blockHash(String key) {
    return XXH64.hashUTF8String(UTF8String.fromString(key), BLOCK_HASH_SEED);
  }

  /** The seed of Spark's xxhash64 function. */
  private static final long BLOCK_HASH_SEED = 42L;

  /** The block hashes of a record ({@link #COMPARED} as a silver person). */
  static long[] blockHashes(SilverPerson person) {
    return BlockingKeys.of(person).stream().mapToLong(PersonMatching::blockHash).toArray();
  }

  /** Every record (columns uid, fresh and {@link #COMPARED}) in each of its blocks: block_hash, uid, fresh, record. */
  static Dataset<Row> blocked(Dataset<Row> records) {
    return records.select(col("uid"), col("fresh"), struct(COMPARED.stream().map(c -> col(c)).toArray(Column[]::new)).as("record"))
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          Row record = r.getStruct(2);
          List<Row> out = new ArrayList<>();
          for (long block : blockHashes(person(record))) {
            out.add(RowFactory.create(block, r.getLong(0), r.getBoolean(1), record));
          }
          return out.iterator();
        }, Encoders.row(BLOCKED));
  }

  /** The rows of gold.person_block for {@code records} (source keys and {@link #COMPARED}): block, source_system, source_record_id. */
  static Dataset<Row> blockKeys(Dataset<Row> records) {
    return records.select(col(SilverPersons.SOURCE_SYSTEM), col(SilverPersons.SOURCE_RECORD_ID),
            struct(COMPARED.stream().map(c -> col(c)).toArray(Column[]::new)).as("record"))
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          List<Row> out = new ArrayList<>();
          for (long block : blockHashes(person(r.getStruct(2)))) {
            out.add(RowFactory.create(block, r.getString(0), r.getString(1)));
          }
          return out.iterator();
        }, Encoders.row(BLOCK_KEY));
  }

  /**
   * The pairs of records sharing a block no larger than {@code maxBlockSize}, each once, of which
   * at least one record is fresh: an incremental run does not compare two existing records again.
   */
  static Dataset<Row> pairsInBlocks(Dataset<Row> blocked, int maxBlockSize, LongAccumulator skippedBlocks) {
    return blocked
        .groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG())
        .flatMapGroups((FlatMapGroupsFunction<Long, Row, Row>) (block, rows) -> {
          List<Long> uids = new ArrayList<>();
          List<Boolean> fresh = new ArrayList<>();
          List<SilverPerson> people = new ArrayList<>();
          while (rows.hasNext()) {
            Row r = rows.next();
            if (uids.size() >= maxBlockSize) {
              skippedBlocks.add(1);
              return java.util.Collections.emptyIterator();
            }
            uids.add(r.getLong(1));
            fresh.add(r.getBoolean(2));
            people.add(person(r.getStruct(3)));
          }
          List<Row> out = new ArrayList<>();
          pairsOfBlock(uids, fresh, people, (left, right) -> true, pair -> out.add(pair.toRow()));
          return out.iterator();
        }, Encoders.row(PAIR))
        .dropDuplicates("left_uid", "right_uid");
  }

  /**
   * The pairs of one block's records (uid, fresh, person alike) of which at least one record is
   * fresh, compared, to {@code out}; only those {@code wanted} (left uid, right uid) are compared.
   */
  static void pairsOfBlock(List<Long> uids, List<Boolean> fresh, List<SilverPerson> people, PairFilter wanted,
      java.util.function.Consumer<CandidatePair> out) {
    for (int i = 0; i < uids.size(); i++) {
      for (int j = i + 1; j < uids.size(); j++) {
        if (!fresh.get(i) && !fresh.get(j)) {
          continue;
        }
        long ui = uids.get(i);
        long uj = uids.get(j);
        boolean iFirst = ui < uj;
        if (ui != uj && wanted.test(iFirst ? ui : uj, iFirst ? uj : ui)) {
          out.accept(CandidatePair.compare(iFirst ? ui : uj, iFirst ? uj : ui, iFirst ? people.get(i) : people.get(j),
              iFirst ? people.get(j) : people.get(i)));
        }
      }
    }
  }

  /** Which pairs of a block to compare, by left (smaller) and right uid. */
  @FunctionalInterface
  interface PairFilter extends java.io.Serializable {
    boolean test(long left, long right);
  }

  /** Two records of a block compared: their uids (left the smaller), comparison levels and the facts the hard rules read. */
  record CandidatePair(long left, long right, ComparisonPattern pattern, PersonMatchRules.PairFacts facts) {
    static CandidatePair compare(long left, long right, SilverPerson a, SilverPerson b) {
      List<Comparison<SilverPerson>> comparisons = PersonComparisons.all();
      int[] levels = new int[comparisons.size()];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = comparisons.get(k).compare(a, b);
      }
      return new CandidatePair(left, right, new ComparisonPattern(levels), PersonMatchRules.PairFacts.of(a, b));
    }

    /** From a row of {@link #PAIR}. */
    static CandidatePair of(Row r) {
      return new CandidatePair(r.getLong(0), r.getLong(1), PersonMatching.pattern(r.getList(2)), new PersonMatchRules.PairFacts(r.getBoolean(3),
          r.getBoolean(4)));
    }

    /** As a row of {@link #PAIR}. */
    Row toRow() {
      return RowFactory.create(left, right, java.util.Arrays.stream(pattern.levels()).boxed().toArray(Integer[]::new), facts.cannotLink(),
          facts.sameSurname());
    }
  }

  /** Comparison patterns and how many candidate pairs have each. */
  static Map<ComparisonPattern, Long> patternCounts(Dataset<Row> pairs) {
    Map<ComparisonPattern, Long> counts = new HashMap<>();
    for (Row r : pairs.groupBy("levels").count().collectAsList()) {
      counts.put(pattern(r.getList(0)), r.getLong(1));
    }
    return counts;
  }

  /** Patterns of {@code count} random pairs among a sample of the records: what non-matches look like. */
  static Map<ComparisonPattern, Long> randomPairCounts(Dataset<Row> records, long recordCount, int count, long seed) {
    double fraction = Math.min(1.0, 4_000.0 / Math.max(1, recordCount));
    List<SilverPerson> sample = new ArrayList<>();
    for (Row r : records.select(COMPARED.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .sample(false, fraction, seed).collectAsList()) {
      sample.add(person(r));
    }
    Map<ComparisonPattern, Long> counts = new HashMap<>();
    if (sample.size() < 2) {
      return counts;
    }
    Random random = new Random(seed);
    List<Comparison<SilverPerson>> comparisons = PersonComparisons.all();
    for (int i = 0; i < count; i++) {
      int x = random.nextInt(sample.size());
      int y = random.nextInt(sample.size() - 1);
      y = y >= x ? y + 1 : y;
      int[] levels = new int[comparisons.size()];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = comparisons.get(k).compare(sample.get(x), sample.get(y));
      }
      counts.merge(new ComparisonPattern(levels), 1L, Long::sum);
    }
    return counts;
  }

  /** The model for this run: estimated when there are enough candidate pairs, else the defaults. */
  static MatchModel model(Map<ComparisonPattern, Long> candidates, Map<ComparisonPattern, Long> random, ResolveSettings settings,
      Progress progress) {
    long pairs = candidates.values().stream().mapToLong(Long::longValue).sum();
    MatchModel start = PersonComparisons.defaultModel();
    if (pairs < settings.minPairsToEstimate() || random.isEmpty()) {
      progress.say("%d candidate pair(s), fewer than %d: matching with the default model", pairs, settings.minPairsToEstimate());
      return start;
    }
    MatchModel seeded = ExpectationMaximization.seededBy(ExpectationMaximization.withUFromRandomPairs(start, random), candidates,
        PersonComparisons.ID_NUMBER_INDEX, PersonComparisons.ID_EXACT);
    // u of the ID number from random pairs; the other attributes' m and u from the candidate pairs, with
    // the ID number's parameters held so that the classes stay "same person" and "not", not "same household"
    ExpectationMaximization.Fit fit = ExpectationMaximization.fit(seeded, candidates, settings.maxIterations(), 1e-6, false,
        java.util.Set.of(PersonComparisons.ID_NUMBER_INDEX));
    progress.say("model estimated from %d candidate pair(s) (%d pattern(s)) in %d EM iteration(s)%s", pairs, candidates.size(),
        fit.iterations(), fit.converged() ? "" : ", not converged");
    return fit.model();
  }

  /** Every candidate pair with its probability, weight, band after the rules, rule and evidence. */
  static Dataset<Row> score(Dataset<Row> pairs, Broadcast<MatchModel> model, ResolveSettings settings) {
    return pairs.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return scored(CandidatePair.of(rows.next()), model.value(), settings);
      }
    }, Encoders.row(SCORED));
  }

  /** A candidate pair scored ({@link #SCORED}): probability, weight, band after the rules, rule and evidence. */
  static Row scored(CandidatePair pair, MatchModel model, ResolveSettings settings) {
    PairEvidence evidence = model.evidence(pair.pattern(), settings.thresholds());
    PersonMatchRules.Decision decision = PersonMatchRules.decide(pair.facts(), pair.pattern(), evidence.band());
    String[] fields = evidence.fields().stream()
        .map(f -> f.field() + "=" + f.level() + ":" + String.format(java.util.Locale.ROOT, "%+.2f", f.weight()))
        .toArray(String[]::new);
    return RowFactory.create(pair.left(), pair.right(), evidence.probability(), evidence.weight(), decision.band().name(),
        decision.rule(), fields);
  }

  static ComparisonPattern pattern(List<Integer> levels) {
    int[] out = new int[levels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = levels.get(i);
    }
    return new ComparisonPattern(out);
  }

  /** A silver person holding only what the comparisons read, from a row of {@link #COMPARED} columns in order. */
  static SilverPerson person(Row r) {
    return new SilverPerson(null, null, null, r.getString(0), r.getString(12), r.getString(1), r.getString(2),
        r.isNullAt(4) ? null : Sex.valueOf(r.getString(4)), r.isNullAt(3) ? null : r.<LocalDate>getAs(3), r.getString(5), null,
        null, null, null, r.getString(6), r.getString(7), r.getString(8), r.getString(9), null, r.getString(10),
        r.isNullAt(11) ? PlaceMatch.UNMATCHED : PlaceMatch.valueOf(r.getString(11)), null, List.of(), null, List.of(), 0, null);
  }

  private static StructType recordType() {
    StructType t = new StructType();
    for (String c : COMPARED) {
      t = t.add(c, c.equals("birth_date") ? DataTypes.DateType : DataTypes.StringType, true);
    }
    return t;
  }

}
