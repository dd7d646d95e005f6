package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise accuracy of a predicted clustering of records against the true one: a pair of records
 * counts as predicted when both sit in one predicted cluster, as true when both describe one true
 * entity. Also the false merges among relatives: pairs whose true entities are different members
 * of one household, yet share a predicted cluster.
 *
 * <p>Precision is 1 when no pair was predicted (nothing claimed, nothing wrong) and recall is 1
 * when there is no true pair; F1 is 0 when both precision and recall are 0.
 *
 * @param records scored records
 * @param predictedClusters distinct predicted clusters among them
 * @param trueEntities distinct true entities among them
 * @param predictedPairs record pairs in one predicted cluster
 * @param truePairs record pairs of one true entity
 * @param truePositivePairs record pairs both predicted and true
 * @param relativePairs record pairs of different true entities in one household
 * @param relativeFalseMerges relative pairs in one predicted cluster
 */
public record PairwiseScore(long records, long predictedClusters, long trueEntities, long predictedPairs, long truePairs,
    long truePositivePairs, long relativePairs, long relativeFalseMerges) {

  public double precision() {
    return predictedPairs == 0 ? 1.0 : (double) truePositivePairs / predictedPairs;
  }

  public double recall() {
    return truePairs == 0 ? 1.0 : (double) truePositivePairs / truePairs;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** Share of relative pairs merged into one predicted cluster; 0 when there are none. */
  public double relativeFalseMergeRate() {
    return relativePairs == 0 ? 0.0 : (double) relativeFalseMerges / relativePairs;
  }

  /** The figures of two scorings of separate record sets pooled: counts add, no pair crosses the sets. */
  public PairwiseScore plus(PairwiseScore other) {
    return new PairwiseScore(records + other.records, predictedClusters + other.predictedClusters, trueEntities + other.trueEntities,
        predictedPairs + other.predictedPairs, truePairs + other.truePairs, truePositivePairs + other.truePositivePairs,
        relativePairs + other.relativePairs, relativeFalseMerges + other.relativeFalseMerges);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects records one at a time. Ids are mapped to ints as they come, so a few million records
   * take a few tens of MB beyond the distinct id strings.
   */
  public static final class Builder {
    private static final int NO_HOUSEHOLD = -1;
    private final Map<String, Integer> predictedIds = new HashMap<>();
    private final Map<String, Integer> trueIds = new HashMap<>();
    private final Map<String, Integer> householdIds = new HashMap<>();
    private int[] householdOfTrue = new int[1024];
    private int[] predicted = new int[1024];
    private int[] actual = new int[1024];
    private int size;

    private Builder() {
      Arrays.fill(householdOfTrue, NO_HOUSEHOLD);
    }

    /** The int a true entity id maps to, for callers that keep many references to the same entity. */
    public int trueEntity(String trueId) {
      requireNonNull(trueId, "trueId is null");
      Integer id = trueIds.get(trueId);
      if (id == null) {
        id = trueIds.size();
        trueIds.put(trueId, id);
        if (id == householdOfTrue.length) {
          int old = householdOfTrue.length;
          householdOfTrue = Arrays.copyOf(householdOfTrue, old * 2);
          Arrays.fill(householdOfTrue, old, householdOfTrue.length, NO_HOUSEHOLD);
        }
      }
      return id;
    }

    /** Declares the household of a true entity; entities without one take part in no relative pair. */
    public Builder household(String trueId, String householdId) {
      requireNonNull(householdId, "householdId is null");
      int entity = trueEntity(trueId);
      householdOfTrue[entity] = householdIds.computeIfAbsent(householdId, k -> householdIds.size());
      return this;
    }

    /** One record: the cluster it was put in and the entity it really describes. */
    public Builder add(String predictedCluster, String trueId) {
      return add(predictedCluster, trueEntity(trueId));
    }

    /** One record, with the true entity as returned by {@link #trueEntity}. */
    public Builder add(String predictedCluster, int trueEntity) {
      requireNonNull(predictedCluster, "predictedCluster is null");
      if (trueEntity < 0 || trueEntity >= trueIds.size()) {
        throw new IllegalArgumentException("Unknown true entity " + trueEntity + ": map ids with trueEntity(String) first");
      }
      if (size == predicted.length) {
        predicted = Arrays.copyOf(predicted, size * 2);
        actual = Arrays.copyOf(actual, size * 2);
      }
      predicted[size] = predictedIds.computeIfAbsent(predictedCluster, k -> predictedIds.size());
      actual[size] = trueEntity;
      size++;
      return this;
    }

    public PairwiseScore build() {
      long[] perPredicted = new long[predictedIds.size()];
      long[] perTrue = new long[trueIds.size()];
      long[] perHousehold = new long[householdIds.size()];
      for (int i = 0; i < size; i++) {
        perPredicted[predicted[i]]++;
        perTrue[actual[i]]++;
        int h = householdOfTrue[actual[i]];
        if (h != NO_HOUSEHOLD) {
          perHousehold[h]++;
        }
      }
      long trueEntities = Arrays.stream(perTrue).filter(n -> n > 0).count();
      long truePairsInHouseholds = 0;
      for (int t = 0; t < perTrue.length; t++) {
        if (householdOfTrue[t] != NO_HOUSEHOLD) {
          truePairsInHouseholds += pairs(perTrue[t]);
        }
      }
      // a household's record pairs are those of one member plus those of two different members
      long relativePairs = sumPairs(perHousehold) - truePairsInHouseholds;

      long[] predictedAndTrue = new long[size];
      long[] predictedAndHousehold = new long[size];
      int inHouseholds = 0;
      for (int i = 0; i < size; i++) {
        predictedAndTrue[i] = pack(predicted[i], actual[i]);
        int h = householdOfTrue[actual[i]];
        if (h != NO_HOUSEHOLD) {
          predictedAndHousehold[inHouseholds++] = pack(predicted[i], h);
        }
      }
      long truePositives = pairsOfEqualRuns(predictedAndTrue, size);
      long truePositivesInHouseholds = 0;
      if (inHouseholds > 0) {
        long[] predictedTrueInHouseholds = new long[inHouseholds];
        int j = 0;
        for (int i = 0; i < size; i++) {
          if (householdOfTrue[actual[i]] != NO_HOUSEHOLD) {
            predictedTrueInHouseholds[j++] = pack(predicted[i], actual[i]);
          }
        }
        truePositivesInHouseholds = pairsOfEqualRuns(predictedTrueInHouseholds, inHouseholds);
      }
      long relativeFalseMerges = pairsOfEqualRuns(predictedAndHousehold, inHouseholds) - truePositivesInHouseholds;
      return new PairwiseScore(size, predictedIds.size(), trueEntities, sumPairs(perPredicted), sumPairs(perTrue), truePositives,
          relativePairs, relativeFalseMerges);
    }

    private static long pack(int high, int low) {
      return ((long) high << 32) | (low & 0xFFFFFFFFL);
    }

    /** Sorts the first n keys and sums C(run, 2) over runs of equal keys. */
    private static long pairsOfEqualRuns(long[] keys, int n) {
      Arrays.sort(keys, 0, n);
      long total = 0;
      int start = 0;
      for (int i = 1; i <= n; i++) {
        if (i == n || keys[i] != keys[start]) {
          total += pairs(i - start);
          start = i;
        }
      }
      return total;
    }

    private static long sumPairs(long[] counts) {
      long total = 0;
      for (long n : counts) {
        total += pairs(n);
      }
      return total;
    }

    private static long pairs(long n) {
      return n * (n - 1) / 2;
    }
  }
}
