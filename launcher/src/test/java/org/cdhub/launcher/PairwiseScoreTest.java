package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairwiseScoreTest {

  @Test
  void countsPairsOfAMixedClusteringByHand() {
    // predicted A = {r1 r2 r3}, B = {r4 r5}, C = {r6}; true p1 = {r1 r2}, p2 = {r3 r4}, p3 = {r5 r6}
    PairwiseScore s = PairwiseScore.builder()
        .household("p1", "H1").household("p2", "H1").household("p3", "H2")
        .add("A", "p1").add("A", "p1").add("A", "p2")
        .add("B", "p2").add("B", "p3")
        .add("C", "p3")
        .build();

    assertThat(s.records()).isEqualTo(6);
    assertThat(s.predictedClusters()).isEqualTo(3);
    assertThat(s.trueEntities()).isEqualTo(3);
    // C(3,2) + C(2,2) + 0
    assertThat(s.predictedPairs()).isEqualTo(4);
    // one pair per true person
    assertThat(s.truePairs()).isEqualTo(3);
    // only r1-r2 is both predicted and true
    assertThat(s.truePositivePairs()).isEqualTo(1);
    assertThat(s.precision()).isEqualTo(0.25);
    assertThat(s.recall()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(s.f1()).isCloseTo(2.0 / 7, within(1e-12));
    // p1 and p2 share H1: 2 x 2 record pairs; r1-r3 and r2-r3 share cluster A, r1-r4 and r2-r4 do not
    assertThat(s.relativePairs()).isEqualTo(4);
    assertThat(s.relativeFalseMerges()).isEqualTo(2);
    assertThat(s.relativeFalseMergeRate()).isEqualTo(0.5);
  }

  @Test
  void aPerfectClusteringWithSingletonsScoresOne() {
    PairwiseScore s = PairwiseScore.builder()
        .household("p1", "H").household("p2", "H").household("p3", "H")
        .add("m1", "p1").add("m1", "p1").add("m1", "p1")
        .add("m2", "p2")
        .add("m3", "p3").add("m3", "p3")
        .build();

    assertThat(s.predictedPairs()).isEqualTo(3 + 0 + 1);
    assertThat(s.truePairs()).isEqualTo(4);
    assertThat(s.truePositivePairs()).isEqualTo(4);
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(1.0);
    assertThat(s.f1()).isEqualTo(1.0);
    // 6 records in H: C(6,2) = 15 pairs, of which 4 are within one person
    assertThat(s.relativePairs()).isEqualTo(11);
    assertThat(s.relativeFalseMerges()).isZero();
  }

  @Test
  void singletonsOnlyClaimNoPairAndFindNone() {
    PairwiseScore s = PairwiseScore.builder()
        .add("r1", "p1").add("r2", "p1").add("r3", "p2")
        .build();

    assertThat(s.predictedPairs()).isZero();
    assertThat(s.truePairs()).isEqualTo(1);
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isZero();
    assertThat(s.f1()).isZero();
  }

  @Test
  void mergingEverythingHasFullRecallAndLowPrecision() {
    // 4 records of p1, 1 of p2, 1 of p3 (relatives of p1) in one cluster: C(6,2) = 15 predicted, C(4,2) = 6 true
    PairwiseScore s = PairwiseScore.builder()
        .household("p1", "H").household("p2", "H").household("p3", "H")
        .add("all", "p1").add("all", "p1").add("all", "p1").add("all", "p1").add("all", "p2").add("all", "p3")
        .build();

    assertThat(s.precision()).isCloseTo(6.0 / 15, within(1e-12));
    assertThat(s.recall()).isEqualTo(1.0);
    // p1-p2: 4, p1-p3: 4, p2-p3: 1, all merged
    assertThat(s.relativePairs()).isEqualTo(9);
    assertThat(s.relativeFalseMerges()).isEqualTo(9);
    assertThat(s.relativeFalseMergeRate()).isEqualTo(1.0);
  }

  @Test
  void personsWithoutAHouseholdHaveNoRelatives() {
    PairwiseScore s = PairwiseScore.builder()
        .household("p1", "H")
        .add("m", "p1").add("m", "p2").add("m", "p3")
        .build();

    assertThat(s.relativePairs()).isZero();
    assertThat(s.relativeFalseMerges()).isZero();
    assertThat(s.relativeFalseMergeRate()).isZero();
    assertThat(s.precision()).isZero();
  }

  @Test
  void emptyInputScoresVacuously() {
    PairwiseScore s = PairwiseScore.builder().household("p1", "H").build();

    assertThat(s.records()).isZero();
    assertThat(s.trueEntities()).isZero();
    assertThat(s.predictedClusters()).isZero();
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(1.0);
    assertThat(s.relativeFalseMergeRate()).isZero();
  }

  @Test
  void pairCountsBeyondIntRangeStayExact() {
    int n = 100_000;
    PairwiseScore.Builder b = PairwiseScore.builder();
    for (int i = 0; i < n; i++) {
      b.add("one", "p" + (i % 2));
    }
    PairwiseScore s = b.build();

    assertThat(s.predictedPairs()).isEqualTo(4_999_950_000L);
    // two true persons of 50,000 records each: 2 x C(50000,2) = 2,499,950,000
    assertThat(s.truePairs()).isEqualTo(2_499_950_000L);
    assertThat(s.truePositivePairs()).isEqualTo(2_499_950_000L);
    assertThat(s.recall()).isEqualTo(1.0);
  }

  @Test
  void rejectsATrueEntityIndexItDidNotHandOut() {
    PairwiseScore.Builder b = PairwiseScore.builder();
    int p1 = b.trueEntity("p1");

    assertThat(b.trueEntity("p1")).isEqualTo(p1);
    assertThatThrownBy(() -> b.add("m", p1 + 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown true entity");
  }

  @Test
  void twoSeparateScoringsPoolTheirPairs() {
    // task 1: {r1 r2} predicted, one true pair; task 2: r3, r4 apart, one true pair missed, one wrong pair {r5 r6}
    PairwiseScore one = PairwiseScore.builder().add("A", "p1").add("A", "p1").build();
    PairwiseScore two = PairwiseScore.builder().add("B", "q1").add("C", "q1").add("D", "q2").add("D", "q3").build();

    PairwiseScore both = one.plus(two);

    assertThat(both.records()).isEqualTo(6);
    assertThat(both.predictedClusters()).isEqualTo(4);
    assertThat(both.trueEntities()).isEqualTo(4);
    assertThat(both.predictedPairs()).isEqualTo(2);
    assertThat(both.truePairs()).isEqualTo(2);
    assertThat(both.truePositivePairs()).isEqualTo(1);
    assertThat(both.precision()).isEqualTo(0.5);
    assertThat(both.recall()).isEqualTo(0.5);
  }
}
