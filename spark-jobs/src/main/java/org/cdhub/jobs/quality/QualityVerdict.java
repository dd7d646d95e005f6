package org.cdhub.jobs.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;

/**
 * The quality gate's judgement of one standardize run of one feed.
 *
 * @param publishable false when an error-level check failed or an error-level anomaly was found
 * @param checksPassed checks that held (the Deequ constraints and the quarantine share)
 * @param checksFailed checks that did not, warnings and errors
 * @param failures one message per failed check, naming feed, field, constraint, measured value
 *     and threshold, ending in "(error)" or "(warning)"
 * @param anomalies one message per metric that moved against the feed's published history, same ending
 * @param metrics what was measured, for ops.quality_metric
 */
public record QualityVerdict(
    boolean publishable, int checksPassed, int checksFailed, List<String> failures, List<String> anomalies, List<QualityMetric> metrics) {

  public QualityVerdict {
    if (checksPassed < 0 || checksFailed < 0) {
      throw new IllegalArgumentException("Invalid verdict: negative check count " + checksPassed + "/" + checksFailed);
    }
    failures = List.copyOf(requireNonNull(failures, "failures is null"));
    anomalies = List.copyOf(requireNonNull(anomalies, "anomalies is null"));
    metrics = List.copyOf(requireNonNull(metrics, "metrics is null"));
  }

  /** Publishable with nothing checked or measured: for a run that found no new bronze batches. */
  public static QualityVerdict nothingToCheck() {
    return new QualityVerdict(true, 0, 0, List.of(), List.of(), List.of());
  }

  /** The run status this verdict allows: PUBLISHED or REFUSED. */
  public QualityRun.Status status() {
    return publishable ? QualityRun.Status.PUBLISHED : QualityRun.Status.REFUSED;
  }
}
