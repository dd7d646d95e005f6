package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchModelTest {
  static final List<String> NAMES = List.of("id", "name");
  static final List<List<String>> LEVELS = List.of(List.of("EXACT", "DIFFERENT"), List.of("EXACT", "SIMILAR", "DIFFERENT"));
  static final MatchModel MODEL = new MatchModel(NAMES, LEVELS, 0.2,
      new double[][] {{0.9, 0.1}, {0.7, 0.2, 0.1}}, new double[][] {{0.01, 0.99}, {0.05, 0.15, 0.8}});

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void theWeightIsThePriorPlusLog2OfMOverUOfEachLevel() {
    ComparisonPattern pattern = ComparisonPattern.of(0, 1);

    assertThat(MODEL.priorWeight()).isCloseTo(log2(0.2 / 0.8), within(1e-12));
    assertThat(MODEL.weight(pattern)).isCloseTo(log2(0.25) + log2(0.9 / 0.01) + log2(0.2 / 0.15), within(1e-12));
    double odds = 0.25 * (0.9 / 0.01) * (0.2 / 0.15);
    assertThat(MODEL.probability(pattern)).isCloseTo(odds / (1 + odds), within(1e-12));
  }

  @Test
  void evidenceNamesEachAttributesLevelAndContribution() {
    PairEvidence evidence = MODEL.evidence(ComparisonPattern.of(1, Comparison.MISSING), MatchThresholds.defaults());

    assertThat(evidence.fields()).extracting(PairEvidence.FieldEvidence::level).containsExactly("DIFFERENT", "MISSING");
    assertThat(evidence.fields().get(0).weight()).isCloseTo(log2(0.1 / 0.99), within(1e-12));
    assertThat(evidence.fields().get(1).weight()).isZero();
    assertThat(evidence.weight()).isCloseTo(evidence.priorWeight() + evidence.fields().get(0).weight(), within(1e-12));
    assertThat(evidence.band()).isEqualTo(MatchBand.NON_MATCH);
  }

  @Test
  void thresholdsSplitProbabilitiesIntoThreeBands() {
    MatchThresholds t = new MatchThresholds(0.95, 0.6);

    assertThat(t.band(0.95)).isEqualTo(MatchBand.AUTO_MATCH);
    assertThat(t.band(0.9499)).isEqualTo(MatchBand.REVIEW);
    assertThat(t.band(0.6)).isEqualTo(MatchBand.REVIEW);
    assertThat(t.band(0.5999)).isEqualTo(MatchBand.NON_MATCH);
    assertThatThrownBy(() -> new MatchThresholds(0.5, 0.9)).hasMessageContaining("review <= autoMatch");
    assertThatThrownBy(() -> new MatchThresholds(1.0, 0.9)).hasMessageContaining("autoMatch < 1");
  }

  @Test
  void patternsThatDoNotFitTheModelAreRefusedNamingTheAttribute() {
    assertThatThrownBy(() -> MODEL.weight(ComparisonPattern.of(0))).hasMessageContaining("compares 2 attributes");
    assertThatThrownBy(() -> MODEL.weight(ComparisonPattern.of(0, 3))).hasMessageContaining("level 3 of name");
    assertThatThrownBy(() -> new MatchModel(NAMES, LEVELS, 1.0, new double[][] {{1, 1}, {1, 1, 1}}, new double[][] {{1, 1}, {1, 1, 1}}))
        .hasMessageContaining("lambda");
  }

  @Test
  void zeroProbabilitiesAreFlooredSoEveryWeightIsFinite() {
    MatchModel model = new MatchModel(NAMES, LEVELS, 0.2, new double[][] {{1, 0}, {1, 0, 0}}, new double[][] {{0, 1}, {0, 0, 1}});

    assertThat(model.weight(ComparisonPattern.of(0, 0))).isFinite().isGreaterThan(50);
    assertThat(model.weight(ComparisonPattern.of(1, 2))).isFinite().isLessThan(-50);
  }
}
