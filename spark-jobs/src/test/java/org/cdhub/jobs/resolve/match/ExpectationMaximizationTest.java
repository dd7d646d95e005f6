package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectationMaximizationTest {
  /** Three attributes with known parameters; the simulation draws pairs from them. */
  static final List<Comparison<Object>> COMPARISONS = List.of(comparison("id", 2), comparison("name", 3), comparison("birth", 3));
  static final double LAMBDA = 0.08;
  static final double[][] M = {{0.95, 0.05}, {0.80, 0.15, 0.05}, {0.85, 0.10, 0.05}};
  static final double[][] U = {{0.001, 0.999}, {0.03, 0.07, 0.90}, {0.01, 0.04, 0.95}};

  static Comparison<Object> comparison(String name, int levels) {
    List<String> names = java.util.stream.IntStream.range(0, levels).mapToObj(i -> "L" + i).toList();
    return new Comparison<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> levels() {
        return names;
      }

      @Override
      public int compare(Object a, Object b) {
        throw new UnsupportedOperationException("the simulation draws levels directly");
      }
    };
  }

  /** Pairs drawn from the true model; {@code missingShare} of the name levels missing. */
  static Map<ComparisonPattern, Long> simulate(int pairs, double lambda, double missingShare, long seed) {
    Random random = new Random(seed);
    Map<ComparisonPattern, Long> counts = new HashMap<>();
    for (int i = 0; i < pairs; i++) {
      boolean match = random.nextDouble() < lambda;
      int[] levels = new int[M.length];
      for (int k = 0; k < M.length; k++) {
        levels[k] = draw(match ? M[k] : U[k], random);
      }
      if (random.nextDouble() < missingShare) {
        levels[1] = Comparison.MISSING;
      }
      counts.merge(ComparisonPattern.of(levels), 1L, Long::sum);
    }
    return counts;
  }

  static int draw(double[] p, Random random) {
    double x = random.nextDouble();
    for (int l = 0; l < p.length - 1; l++) {
      x -= p[l];
      if (x < 0) {
        return l;
      }
    }
    return p.length - 1;
  }

  @Test
  void recoversTheParametersThatGeneratedThePairsWithoutLabels() {
    Map<ComparisonPattern, Long> counts = simulate(400_000, LAMBDA, 0.1, 7);

    ExpectationMaximization.Fit fit = ExpectationMaximization.fit(MatchModel.untrained(COMPARISONS, 0.5), counts, 500, 1e-7, false);

    assertThat(fit.converged()).isTrue();
    MatchModel model = fit.model();
    assertThat(model.lambda()).isCloseTo(LAMBDA, within(0.005));
    for (int k = 0; k < M.length; k++) {
      for (int l = 0; l < M[k].length; l++) {
        assertThat(model.m(k, l)).as("m of %s level %d", model.comparisonNames().get(k), l).isCloseTo(M[k][l], within(0.02));
        assertThat(model.u(k, l)).as("u of %s level %d", model.comparisonNames().get(k), l).isCloseTo(U[k][l], within(0.01));
      }
    }
  }

  @Test
  void uFromRandomPairsAndMSeededByTheAnchorStartCloseAndEmKeepsUFixed() {
    Map<ComparisonPattern, Long> random = simulate(200_000, 0.0, 0.0, 11);
    Map<ComparisonPattern, Long> candidates = simulate(200_000, LAMBDA, 0.0, 13);

    MatchModel withU = ExpectationMaximization.withUFromRandomPairs(MatchModel.untrained(COMPARISONS, 0.5), random);
    MatchModel seeded = ExpectationMaximization.seededBy(withU, candidates, 0, 0);

    assertThat(withU.u(1, 2)).isCloseTo(U[1][2], within(0.01));
    // pairs agreeing on the anchor are nearly all matches: their name levels estimate m
    assertThat(seeded.m(1, 0)).isCloseTo(M[1][0], within(0.05));
    // the share of pairs agreeing on the anchor
    assertThat(seeded.lambda()).isCloseTo(LAMBDA * M[0][0] + (1 - LAMBDA) * U[0][0], within(0.003));
    // pairs disagreeing on the anchor are nearly all non-matches: their levels estimate u
    assertThat(seeded.u(2, 0)).isCloseTo(U[2][0], within(0.01));
    ExpectationMaximization.Fit fit = ExpectationMaximization.fit(seeded, candidates, 500, 1e-7, true);
    assertThat(fit.model().u(1, 2)).isEqualTo(seeded.u(1, 2));
    assertThat(fit.model().m(2, 0)).isCloseTo(M[2][0], within(0.02));
    assertThat(fit.model().lambda()).isCloseTo(LAMBDA, within(0.01));
  }

  @Test
  void aPatternWithAMissingAttributeIsScoredOnTheOthersAlone() {
    MatchModel model = MatchModel.untrained(COMPARISONS, 0.1);
    ComparisonPattern full = ComparisonPattern.of(0, 0, 2);
    ComparisonPattern withoutName = ComparisonPattern.of(0, Comparison.MISSING, 2);

    assertThat(model.weight(full) - model.weight(withoutName)).isCloseTo(model.weight(1, 0), within(1e-12));
    assertThat(model.weight(1, Comparison.MISSING)).isZero();
  }

  @Test
  void aFixedAnchorKeepsItsParametersWhileTheOthersAreEstimated() {
    Map<ComparisonPattern, Long> candidates = simulate(300_000, LAMBDA, 0.0, 17);
    MatchModel start = new MatchModel(List.of("id", "name", "birth"), List.of(List.of("L0", "L1"), List.of("L0", "L1", "L2"), List.of("L0", "L1", "L2")),
        0.5, M, new double[][] {U[0], {0.34, 0.33, 0.33}, {0.34, 0.33, 0.33}});

    MatchModel fitted = ExpectationMaximization.fit(start, candidates, 500, 1e-7, false, java.util.Set.of(0)).model();

    assertThat(fitted.m(0, 0)).isEqualTo(start.m(0, 0));
    assertThat(fitted.u(0, 0)).isEqualTo(start.u(0, 0));
    assertThat(fitted.u(1, 2)).isCloseTo(U[1][2], within(0.02));
    assertThat(fitted.m(2, 0)).isCloseTo(M[2][0], within(0.02));
  }
}
