package org.cdhub.jobs.resolve.match;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * Estimates a {@link MatchModel}'s parameters from the data, without labels: the EM algorithm
 * over the comparison patterns of candidate pairs, counted once per distinct pattern (a few
 * hundred patterns stand for millions of pairs). Two helpers set the start: u from random
 * record pairs (almost all non-matches), and m seeded from the pairs an anchor attribute (the
 * ID number) already decides.
 */
public final class ExpectationMaximization {
  private ExpectationMaximization() {}

  /** The estimated model, the iterations run and whether the parameters settled within the tolerance. */
  public record Fit(MatchModel model, int iterations, boolean converged) {}

  /**
   * Runs EM from {@code start} until no parameter moves more than {@code tolerance} or
   * {@code maxIterations} pass. With {@code fixU}, u stays as given (estimated from random
   * pairs, the usual choice: candidate pairs over-represent agreement among non-matches).
   */
  public static Fit fit(MatchModel start, Map<ComparisonPattern, Long> counts, int maxIterations, double tolerance, boolean fixU) {
    return fit(start, counts, maxIterations, tolerance, fixU, Set.of());
  }

  /**
   * As above, keeping both m and u of the {@code fixed} comparisons as given: an anchor whose
   * parameters are known holds the classes to their meaning (same person, not the same
   * household, which also agrees on address, phone and surname).
   */
  public static Fit fit(MatchModel start, Map<ComparisonPattern, Long> counts, int maxIterations, double tolerance, boolean fixU,
      Set<Integer> fixed) {
    requireNonNull(start, "start is null");
    requireNonNull(fixed, "fixed is null");
    requireNonNull(counts, "counts is null");
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("Cannot estimate a match model from no candidate pairs");
    }
    MatchModel model = start;
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      MatchModel next = step(model, counts, fixU, fixed);
      double moved = distance(model, next);
      model = next;
      if (moved < tolerance) {
        return new Fit(model, iteration, true);
      }
    }
    return new Fit(model, maxIterations, false);
  }

  /** One E step (each pattern's match probability) and M step (parameters re-estimated from them). */
  static MatchModel step(MatchModel model, Map<ComparisonPattern, Long> counts, boolean fixU, Set<Integer> fixed) {
    int n = model.size();
    double[][] mNum = zerosLike(model);
    double[][] uNum = zerosLike(model);
    double total = 0;
    double matches = 0;
    for (Map.Entry<ComparisonPattern, Long> e : counts.entrySet()) {
      ComparisonPattern pattern = e.getKey();
      double c = e.getValue();
      double p = model.probability(pattern);
      total += c;
      matches += c * p;
      for (int k = 0; k < n; k++) {
        int level = pattern.level(k);
        if (level != Comparison.MISSING) {
          mNum[k][level] += c * p;
          uNum[k][level] += c * (1 - p);
        }
      }
    }
    double[][] m = model.mCopy();
    double[][] u = model.uCopy();
    for (int k = 0; k < n; k++) {
      if (fixed.contains(k)) {
        continue;
      }
      replaceIfObserved(m[k], mNum[k]);
      if (!fixU) {
        replaceIfObserved(u[k], uNum[k]);
      }
    }
    double lambda = Math.min(Math.max(matches / total, MatchModel.FLOOR), 1 - MatchModel.FLOOR);
    return model.with(lambda, m, u);
  }

  /** The model with u taken from the level shares among random record pairs. */
  public static MatchModel withUFromRandomPairs(MatchModel model, Map<ComparisonPattern, Long> randomPairs) {
    requireNonNull(randomPairs, "randomPairs is null");
    double[][] shares = zerosLike(model);
    for (Map.Entry<ComparisonPattern, Long> e : randomPairs.entrySet()) {
      for (int k = 0; k < model.size(); k++) {
        int level = e.getKey().level(k);
        if (level != Comparison.MISSING) {
          shares[k][level] += e.getValue();
        }
      }
    }
    double[][] u = model.uCopy();
    for (int k = 0; k < model.size(); k++) {
      replaceIfObserved(u[k], shares[k]);
    }
    return model.with(model.lambda(), model.mCopy(), u);
  }

  /**
   * The model seeded from the pairs the anchor comparison decides: pairs at its
   * {@code agreeLevel} (same ID number) count as matches and give m, pairs at its last level
   * (different ID numbers) count as non-matches and give u, pairs where it is missing are left
   * out; lambda is the matches' share. The anchor's own parameters stay as they are.
   */
  public static MatchModel seededBy(MatchModel model, Map<ComparisonPattern, Long> counts, int anchor, int agreeLevel) {
    requireNonNull(counts, "counts is null");
    int disagree = model.levelNames(anchor).size() - 1;
    double[][] mNum = zerosLike(model);
    double[][] uNum = zerosLike(model);
    double matches = 0;
    double nonMatches = 0;
    for (Map.Entry<ComparisonPattern, Long> e : counts.entrySet()) {
      int a = e.getKey().level(anchor);
      if (a == agreeLevel) {
        matches += e.getValue();
        for (int k = 0; k < model.size(); k++) {
          int level = e.getKey().level(k);
          if (k != anchor && level != Comparison.MISSING) {
            mNum[k][level] += e.getValue();
          }
        }
      } else if (a == disagree) {
        nonMatches += e.getValue();
        for (int k = 0; k < model.size(); k++) {
          int level = e.getKey().level(k);
          if (k != anchor && level != Comparison.MISSING) {
            uNum[k][level] += e.getValue();
          }
        }
      }
    }
    double[][] m = model.mCopy();
    double[][] u = model.uCopy();
    for (int k = 0; k < model.size(); k++) {
      if (k != anchor) {
        replaceIfObserved(m[k], mNum[k]);
        replaceIfObserved(u[k], uNum[k]);
      }
    }
    double lambda = matches + nonMatches == 0 ? model.lambda()
        : Math.min(Math.max(matches / (matches + nonMatches), MatchModel.FLOOR), 1 - MatchModel.FLOOR);
    return model.with(lambda, m, u);
  }

  private static void replaceIfObserved(double[] target, double[] mass) {
    double sum = 0;
    for (double v : mass) {
      sum += v;
    }
    if (sum > 0) {
      for (int l = 0; l < target.length; l++) {
        target[l] = mass[l] / sum;
      }
    }
  }

  private static double[][] zerosLike(MatchModel model) {
    double[][] out = new double[model.size()][];
    for (int k = 0; k < model.size(); k++) {
      out[k] = new double[model.levelNames(k).size()];
    }
    return out;
  }

  private static double distance(MatchModel a, MatchModel b) {
    double d = Math.abs(a.lambda() - b.lambda());
    for (int k = 0; k < a.size(); k++) {
      for (int l = 0; l < a.levelNames(k).size(); l++) {
        d = Math.max(d, Math.abs(a.m(k, l) - b.m(k, l)));
        d = Math.max(d, Math.abs(a.u(k, l) - b.u(k, l)));
      }
    }
    return d;
  }
}
