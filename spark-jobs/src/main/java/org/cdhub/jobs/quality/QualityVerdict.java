package org.cdhub.jobs.quality;

import java.util.List;
import org.cdhub.model.ops.QualityMetric;

/** PLACEHOLDER until h/quality lands. */
public record QualityVerdict(boolean publishable, int checksPassed, int checksFailed, List<String> failures, List<String> anomalies,
    List<QualityMetric> metrics) {
  public static QualityVerdict nothingToCheck() {
    return new QualityVerdict(true, 0, 0, List.of(), List.of(), List.of());
  }
}
