package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdhub.kernel.Masking;

/**
 * Scores resolve's person links against the city generator's ground truth: feed the links one by
 * one ({@link #link}), then {@link #result}. Only linked records are scored (quarantined records
 * never reach silver, so they have no link); truth records of the scored feeds left without a link
 * are counted.
 */
final class ResolveAccuracy {
  static final String PERSON_TRUTH = "person_truth.csv";
  static final String PERSONS = "persons.csv";
  private static final java.util.regex.Pattern LONG_NUMBER = java.util.regex.Pattern.compile("[0-9]{10,}[0-9Xx]*");

  private final Map<String, Map<String, Integer>> truthByFeed = new HashMap<>();
  private final PairwiseScore.Builder score = PairwiseScore.builder();

  /** Reads the truth of {@code feeds} (person_truth.csv) and every person's household (persons.csv). */
  ResolveAccuracy(Path truthDir, Set<String> feeds) {
    requireNonNull(truthDir, "truthDir is null");
    feeds.forEach(f -> truthByFeed.put(f, new HashMap<>()));
    TruthCsv.read(truthDir.resolve(PERSON_TRUTH), List.of("source_system", "source_record_id", "true_person_id"), r -> {
      Map<String, Integer> records = truthByFeed.get(r[0]);
      if (records != null && records.put(r[1], score.trueEntity(r[2])) != null) {
        throw new IllegalArgumentException("Cannot use " + PERSON_TRUTH + ": record " + recordKey(r[0], r[1]) + " appears twice");
      }
    });
    TruthCsv.read(truthDir.resolve(PERSONS), List.of("true_person_id", "household_id"), r -> {
      if (!r[1].isEmpty()) {
        score.household(r[0], r[1]);
      }
    });
  }

  /** One row of gold.person_link. Each record is taken once; the truth must know it. */
  void link(String sourceSystem, String sourceRecordId, String masterId) {
    Map<String, Integer> records = truthByFeed.get(sourceSystem);
    if (records == null) {
      throw new IllegalArgumentException("Cannot score link of " + recordKey(sourceSystem, sourceRecordId)
          + ": feed " + sourceSystem + " is not among the scored feeds " + truthByFeed.keySet());
    }
    // removed as they are linked: what stays is the unlinked truth, and a second link of a record fails
    Integer truePerson = records.remove(sourceRecordId);
    if (truePerson == null) {
      throw new IllegalArgumentException("Cannot score link of " + recordKey(sourceSystem, sourceRecordId)
          + ": the ground truth has no such record, or it was linked twice");
    }
    score.add(masterId, truePerson);
  }

  /**
   * feed:record for messages. Some feeds' record ids embed an ID number (a disability certificate
   * is the holder's ID number plus two digits): long digit runs are masked, the last 4 left.
   */
  static String recordKey(String feed, String recordId) {
    return feed + ":" + LONG_NUMBER.matcher(String.valueOf(recordId)).replaceAll(m -> Masking.idNumber(m.group()));
  }

  Result result() {
    long unlinked = truthByFeed.values().stream().mapToLong(Map::size).sum();
    return new Result(score.build(), unlinked);
  }

  /**
   * @param score pairwise figures over the linked records (predicted clusters = masters)
   * @param unlinkedTruthRecords truth records of the scored feeds that no link names
   */
  record Result(PairwiseScore score, long unlinkedTruthRecords) {}
}
