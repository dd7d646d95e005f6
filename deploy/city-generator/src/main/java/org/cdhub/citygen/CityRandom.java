package org.cdhub.citygen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness. Every part of the city draws from its own stream, derived from the seed,
 * a stream name and an index, so that one feed's choices never shift another's and the output
 * depends only on (seed, size).
 */
final class CityRandom {
  private final SplittableRandom random;

  private CityRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The stream {@code name} (e.g. a feed id) number {@code index} (e.g. a community) of {@code seed}. */
  static CityRandom stream(long seed, String name, long index) {
    return new CityRandom(mix(mix(seed ^ 0x5DEECE66DL, name.hashCode()), index));
  }

  private static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  /** Uniform in [{@code from}, {@code to}] inclusive. */
  int between(int from, int to) {
    return from >= to ? from : from + random.nextInt(to - from + 1);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong(long bound) {
    return random.nextLong(bound);
  }

  double nextDouble() {
    return random.nextDouble();
  }

  /** Normal with the given mean and standard deviation, clamped to [min, max]. */
  double gaussian(double mean, double sd, double min, double max) {
    // Box-Muller on our own stream: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    double g = Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(min, Math.min(max, mean + sd * g));
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  char pick(String chars) {
    return chars.charAt(random.nextInt(chars.length()));
  }

  /** Index chosen with probability proportional to {@code weights[i]}. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** {@code n} decimal digits. */
  String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  /** Fisher-Yates shuffle in place. */
  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }
}
