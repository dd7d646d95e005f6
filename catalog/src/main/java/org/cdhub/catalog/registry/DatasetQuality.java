package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A dataset's quality score from the quality metrics repository: 100 x (share of Deequ checks that
 * passed) x (share of rows not quarantined), over the standardize runs behind the dataset (rows in
 * weigh each run). Checks measure the rows that reached silver, the quarantine share the rest.
 *
 * @param qualifiedName the dataset
 * @param score 0..100
 * @param runIds the standardize runs it was computed from
 * @param measuredAt start of the latest of them
 */
public record DatasetQuality(String qualifiedName, double score, int checksPassed, int checksFailed, long rowsIn,
    long quarantinedRows, List<String> runIds, Instant measuredAt) {

  /** What the score needs of one standardize run (ops.quality_run). */
  public record Run(String runId, int checksPassed, int checksFailed, long rowsIn, long quarantinedRows, Instant startedAt) {
    public Run {
      requireNonNull(runId, "runId is null");
      requireNonNull(startedAt, "startedAt is null");
    }

    double score() {
      int checks = checksPassed + checksFailed;
      double passed = checks == 0 ? 1 : (double) checksPassed / checks;
      double kept = rowsIn == 0 ? 1 : 1 - (double) quarantinedRows / rowsIn;
      return 100 * passed * kept;
    }
  }

  public DatasetQuality {
    requireNonNull(qualifiedName, "qualifiedName is null");
    requireNonNull(measuredAt, "measuredAt is null");
    runIds = List.copyOf(runIds);
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("Invalid quality of " + qualifiedName + ", field score: must be 0..100: " + score);
    }
    if (runIds.isEmpty()) {
      throw new IllegalArgumentException("Invalid quality of " + qualifiedName + ", field run_ids: at least one run");
    }
  }

  /** The score over {@code runs}; each run weighs by its rows in (equally when none has rows). */
  public static DatasetQuality of(String qualifiedName, List<Run> runs) {
    requireNonNull(runs, "runs is null");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("Cannot score " + qualifiedName + ": no standardize runs");
    }
    long rows = runs.stream().mapToLong(Run::rowsIn).sum();
    double score = rows == 0 ? runs.stream().mapToDouble(Run::score).average().orElseThrow()
        : runs.stream().mapToDouble(r -> r.score() * r.rowsIn()).sum() / rows;
    return new DatasetQuality(qualifiedName, Math.round(score * 10) / 10.0,
        runs.stream().mapToInt(Run::checksPassed).sum(), runs.stream().mapToInt(Run::checksFailed).sum(), rows,
        runs.stream().mapToLong(Run::quarantinedRows).sum(),
        runs.stream().map(Run::runId).collect(Collectors.toList()),
        runs.stream().map(Run::startedAt).max(Comparator.naturalOrder()).orElseThrow());
  }
}
