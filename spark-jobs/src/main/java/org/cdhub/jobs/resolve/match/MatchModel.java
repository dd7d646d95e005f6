package org.cdhub.jobs.resolve.match;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A Fellegi-Sunter model: for each comparison and level, m (the chance of that level among true
 * matches) and u (among non-matches), and lambda, the share of matches among candidate pairs.
 * A pair's weight is the prior log2(lambda / (1 - lambda)) plus log2(m / u) of each compared
 * attribute; its match probability is 1 / (1 + 2^-weight). Attributes are taken as independent
 * given the match status, as the model assumes.
 */
public final class MatchModel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Probabilities are kept inside (FLOOR, 1 - FLOOR) so that every weight is finite. */
  static final double FLOOR = 1e-9;

  private final List<String> names;
  private final List<List<String>> levels;
  private final double lambda;
  private final double[][] m;
  private final double[][] u;

  MatchModel(List<String> names, List<List<String>> levels, double lambda, double[][] m, double[][] u) {
    this.names = List.copyOf(names);
    this.levels = levels.stream().map(List::copyOf).toList();
    if (names.size() != levels.size() || m.length != names.size() || u.length != names.size()) {
      throw new IllegalArgumentException("Cannot build a match model: " + names.size() + " comparisons, "
          + levels.size() + " level lists, " + m.length + " m and " + u.length + " u rows");
    }
    if (!(lambda > 0 && lambda < 1)) {
      throw new IllegalArgumentException("Cannot build a match model: lambda " + lambda + " is not in (0, 1)");
    }
    this.lambda = lambda;
    this.m = new double[m.length][];
    this.u = new double[u.length][];
    for (int k = 0; k < m.length; k++) {
      int n = levels.get(k).size();
      if (m[k].length != n || u[k].length != n) {
        throw new IllegalArgumentException("Cannot build a match model: comparison " + names.get(k) + " has " + n
            + " levels but " + m[k].length + " m and " + u[k].length + " u values");
      }
      this.m[k] = normalized(m[k]);
      this.u[k] = normalized(u[k]);
    }
  }

  /** A model with the given parameters (as persisted by a full run); m and u are normalized per comparison. */
  public static MatchModel of(List<String> names, List<List<String>> levels, double lambda, double[][] m, double[][] u) {
    return new MatchModel(requireNonNull(names, "names is null"), requireNonNull(levels, "levels is null"), lambda,
        requireNonNull(m, "m is null"), requireNonNull(u, "u is null"));
  }

  /**
   * A starting point for estimation: agreement levels likely among matches, disagreement among
   * non-matches, m falling and u rising from the strongest level to the weakest.
   */
  public static MatchModel untrained(List<? extends Comparison<?>> comparisons, double lambda) {
    requireNonNull(comparisons, "comparisons is null");
    List<String> names = new ArrayList<>();
    List<List<String>> levels = new ArrayList<>();
    double[][] m = new double[comparisons.size()][];
    double[][] u = new double[comparisons.size()][];
    for (int k = 0; k < comparisons.size(); k++) {
      Comparison<?> c = comparisons.get(k);
      names.add(c.name());
      levels.add(c.levels());
      int n = c.levels().size();
      m[k] = new double[n];
      u[k] = new double[n];
      for (int l = 0; l < n; l++) {
        m[k][l] = Math.pow(0.2, l);
        u[k][l] = Math.pow(0.2, n - 1 - l);
      }
    }
    return new MatchModel(names, levels, lambda, m, u);
  }

  public List<String> comparisonNames() {
    return names;
  }

  public List<String> levelNames(int comparison) {
    return levels.get(comparison);
  }

  public int size() {
    return names.size();
  }

  public double lambda() {
    return lambda;
  }

  public double m(int comparison, int level) {
    return m[comparison][level];
  }

  public double u(int comparison, int level) {
    return u[comparison][level];
  }

  public double priorWeight() {
    return log2(lambda / (1 - lambda));
  }

  /** log2(m / u) of one attribute's level; 0 when it is missing. */
  public double weight(int comparison, int level) {
    return level == Comparison.MISSING ? 0 : log2(m[comparison][level] / u[comparison][level]);
  }

  /** The prior plus every attribute's weight. */
  public double weight(ComparisonPattern pattern) {
    requireSize(pattern);
    double w = priorWeight();
    for (int k = 0; k < names.size(); k++) {
      w += weight(k, pattern.level(k));
    }
    return w;
  }

  public double probability(ComparisonPattern pattern) {
    return 1 / (1 + Math.pow(2, -weight(pattern)));
  }

  public PairEvidence evidence(ComparisonPattern pattern, MatchThresholds thresholds) {
    requireSize(pattern);
    List<PairEvidence.FieldEvidence> fields = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      int level = pattern.level(k);
      fields.add(new PairEvidence.FieldEvidence(names.get(k), level == Comparison.MISSING ? "MISSING" : levels.get(k).get(level),
          weight(k, level)));
    }
    double probability = probability(pattern);
    return new PairEvidence(fields, priorWeight(), weight(pattern), probability, thresholds.band(probability));
  }

  /** This model with other parameters (same comparisons and levels). */
  MatchModel with(double lambda, double[][] m, double[][] u) {
    return new MatchModel(names, levels, lambda, m, u);
  }

  double[][] mCopy() {
    return deepCopy(m);
  }

  double[][] uCopy() {
    return deepCopy(u);
  }

  private void requireSize(ComparisonPattern pattern) {
    if (pattern.size() != names.size()) {
      throw new IllegalArgumentException("Pattern " + pattern + " has " + pattern.size() + " levels, the model compares "
          + names.size() + " attributes " + names);
    }
    for (int k = 0; k < names.size(); k++) {
      int level = pattern.level(k);
      if (level != Comparison.MISSING && (level < 0 || level >= levels.get(k).size())) {
        throw new IllegalArgumentException("Pattern " + pattern + ": level " + level + " of " + names.get(k)
            + " is not one of its " + levels.get(k).size() + " levels");
      }
    }
  }

  private static double[] normalized(double[] p) {
    double sum = 0;
    for (double v : p) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("Cannot build a match model: probability " + v + " is not a finite non-negative number");
      }
      sum += Math.max(v, FLOOR);
    }
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.min(Math.max(Math.max(p[i], FLOOR) / sum, FLOOR), 1 - FLOOR);
    }
    return out;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MatchModel[lambda=").append(lambda);
    for (int k = 0; k < names.size(); k++) {
      sb.append(", ").append(names.get(k)).append('{');
      for (int l = 0; l < levels.get(k).size(); l++) {
        sb.append(l == 0 ? "" : ", ").append(levels.get(k).get(l)).append(String.format(java.util.Locale.ROOT, " m=%.4g u=%.4g", m[k][l], u[k][l]));
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }
}
