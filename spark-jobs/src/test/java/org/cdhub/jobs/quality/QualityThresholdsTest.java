package org.cdhub.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QualityThresholdsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    QualityThresholds t = QualityThresholds.defaults();
    assertThat(t.requiredCompleteness()).isEqualTo(0.95);
    assertThat(t.codeCompliance()).isEqualTo(0.90);
    assertThat(t.citizenIdValidity()).isEqualTo(0.90);
    assertThat(t.recordIdUniqueness()).isEqualTo(1.0);
    assertThat(t.maxQuarantineShare()).isEqualTo(0.20);
    assertThat(t.minRowCountRatio()).isEqualTo(0.70);
    assertThat(t.maxRowCountRatio()).isEqualTo(3.0);
    assertThat(t.maxCompletenessDrop()).isEqualTo(0.10);
    assertThat(t.outlierStdDevs()).isEqualTo(3.0);
    assertThat(t.minHistoryForOutliers()).isEqualTo(5);
    assertThat(t.minRowsForCompletenessAnomalies()).isEqualTo(50);
    assertThat(t.historyRuns()).isEqualTo(30);
    assertThat(t.earliestBirthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
  }

  @Test
  void outOfRangeValuesAreRejectedByName() {
    assertThatThrownBy(() -> new QualityThresholds(1.5, 0.9, 0.9, 1, 0.2, 0.7, 3, 0.1, 3, 5, 50, 30, LocalDate.of(1900, 1, 1)))
        .hasMessage("Invalid quality threshold requiredCompleteness, expected a share from 0 to 1: 1.5");
    assertThatThrownBy(() -> new QualityThresholds(0.95, 0.9, 0.9, 1, 0.2, 1.2, 3, 0.1, 3, 5, 50, 30, LocalDate.of(1900, 1, 1)))
        .hasMessageStartingWith("Invalid quality threshold minRowCountRatio");
    assertThatThrownBy(() -> new QualityThresholds(0.95, Double.NaN, 0.9, 1, 0.2, 0.7, 3, 0.1, 3, 5, 50, 30, LocalDate.of(1900, 1, 1)))
        .hasMessageStartingWith("Invalid quality threshold codeCompliance");
    assertThatThrownBy(() -> new QualityThresholds(0.95, 0.9, 0.9, 1, 0.2, 0.7, 0.5, 0.1, 3, 5, 50, 30, LocalDate.of(1900, 1, 1)))
        .hasMessageStartingWith("Invalid quality threshold maxRowCountRatio");
    assertThatThrownBy(() -> new QualityThresholds(0.95, 0.9, 0.9, 1, 0.2, 0.7, 3, 0.1, 3, 5, 50, 0, LocalDate.of(1900, 1, 1)))
        .hasMessageStartingWith("Invalid quality threshold historyRuns");
    assertThatThrownBy(() -> new QualityThresholds(0.95, 0.9, 0.9, 1, 0.2, 0.7, 3, 0.1, 3, 5, -1, 30, LocalDate.of(1900, 1, 1)))
        .hasMessageStartingWith("Invalid quality threshold minRowsForCompletenessAnomalies");
  }

  @Test
  void withoutRowCountBandOpensOnlyTheBand() {
    QualityThresholds open = QualityThresholds.defaults().withoutRowCountBand();
    assertThat(open.minRowCountRatio()).isZero();
    assertThat(open.maxRowCountRatio()).isInfinite();
    assertThat(new QualityThresholds(open.requiredCompleteness(), open.codeCompliance(), open.citizenIdValidity(),
        open.recordIdUniqueness(), open.maxQuarantineShare(), 0.7, 3, open.maxCompletenessDrop(), open.outlierStdDevs(),
        open.minHistoryForOutliers(), open.minRowsForCompletenessAnomalies(), open.historyRuns(), open.earliestBirthDate()))
        .isEqualTo(QualityThresholds.defaults());
  }
}
