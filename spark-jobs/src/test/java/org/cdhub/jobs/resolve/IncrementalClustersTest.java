package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdhub.jobs.resolve.IncrementalClusters.Decision;
import org.cdhub.jobs.resolve.IncrementalClusters.Member;
import org.cdhub.jobs.resolve.IncrementalClusters.Placed;
import org.cdhub.jobs.resolve.IncrementalClusters.ScoredPair;
import org.cdhub.jobs.resolve.IncrementalClusters.StoredLink;
import org.cdhub.jobs.resolve.match.ConstrainedClustering;
import org.cdhub.jobs.resolve.match.MatchBand;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.model.entity.PersonMatch;
import org.junit.jupiter.api.Test;

/** The driver-side clustering of an increment, on hand-made records (the Spark path is IncrementalResolveTest). */
class IncrementalClustersTest {
  private static final String AUTO = MatchBand.AUTO_MATCH.name();

  /** Taken ids held in memory; counts how often the whole set was asked for. */
  private static final class Taken implements IncrementalClusters.TakenIds {
    final Set<String> ids;
    int readsOfAll;

    Taken(Set<String> ids) {
      this.ids = ids;
    }

    @Override
    public Set<String> among(Set<String> probe) {
      Set<String> hit = new HashSet<>(probe);
      hit.retainAll(ids);
      return hit;
    }

    @Override
    public Set<String> all() {
      readsOfAll++;
      return ids;
    }
  }

  private static Member existing(String record, long uid, String id) {
    return new Member("hr", record, uid, id, id == null ? null : (long) id.hashCode(), false);
  }

  private static Member fresh(String record, long uid, String id) {
    return new Member("health", record, uid, id, id == null ? null : (long) id.hashCode(), true);
  }

  @Test
  void aFreshRecordBridgingTwoMastersMergesThemAndTheLargerKeepsItsId() {
    // master M-A holds records 1, 2; master M-B holds 3; fresh 9 matches 2 and 3
    IncrementalClusters involved = IncrementalClusters.of(List.of(existing("a1", 1, null), existing("a2", 2, null),
        existing("b1", 3, null), fresh("n1", 9, null)));
    Map<Long, StoredLink> links = Map.of(1L, new StoredLink("C:hr:a1", "P-A", "MATCH_MODEL"),
        2L, new StoredLink("C:hr:a1", "P-A", "MATCH_MODEL"), 3L, new StoredLink("C:hr:b1", "P-B", "SINGLETON"));
    ConstrainedClustering clustering = new ConstrainedClustering();
    involved.cluster(clustering, links, List.of(new ScoredPair(2, 9, 0.99, AUTO, null), new ScoredPair(3, 9, 0.98, AUTO, null)),
        List.of(), List.of());
    Map<Long, Placed> placed = involved.place(clustering);

    assertThat(placed.values()).extracting(Placed::clusterKey).containsOnly("C:health:n1");
    Map<Long, String> old = new HashMap<>(Map.of(1L, "P-A", 2L, "P-A", 3L, "P-B"));
    IncrementalClusters.Assignment a = IncrementalClusters.assign(placed, old, new Taken(Set.of("P-A", "P-B")));
    assertThat(a.masterOfCluster()).containsExactly(Map.entry("C:health:n1", "P-A"));
    assertThat(a.newMasters()).isZero();
    assertThat(a.mergedMasters()).isEqualTo(1);
  }

  @Test
  void anEqualClaimGoesToTheSmallerOldId() {
    IncrementalClusters involved = IncrementalClusters.of(List.of(existing("a1", 1, null), existing("b1", 2, null), fresh("n1", 9, null)));
    ConstrainedClustering clustering = new ConstrainedClustering();
    involved.cluster(clustering, Map.of(1L, new StoredLink("C:hr:a1", "P-Z", "SINGLETON"), 2L, new StoredLink("C:hr:b1", "P-B", "SINGLETON")),
        List.of(new ScoredPair(1, 9, 0.99, AUTO, null), new ScoredPair(2, 9, 0.99, AUTO, null)), List.of(), List.of());
    IncrementalClusters.Assignment a = IncrementalClusters.assign(involved.place(clustering), Map.of(1L, "P-Z", 2L, "P-B"),
        new Taken(Set.of("P-Z", "P-B")));

    assertThat(a.masterOfCluster().values()).containsExactly("P-B");
  }

  @Test
  void aNewPersonGetsTheIdDerivedFromItsSmallestRecordSteppedAroundATakenOne() {
    IncrementalClusters involved = IncrementalClusters.of(List.of(fresh("n2", 8, null), fresh("n1", 9, null)));
    ConstrainedClustering clustering = new ConstrainedClustering();
    involved.cluster(clustering, Map.of(), List.of(new ScoredPair(8, 9, 0.99, AUTO, null)), List.of(), List.of());
    Map<Long, Placed> placed = involved.place(clustering);
    String derived = MasterIds.derive(MasterIds.recordKey("health", "n1"), 0);

    Taken free = new Taken(Set.of("P-OTHER"));
    assertThat(IncrementalClusters.assign(placed, Map.of(), free).masterOfCluster()).containsExactly(Map.entry("C:health:n1", derived));
    assertThat(free.readsOfAll).as("no collision: the taken ids are only probed").isZero();

    Taken clash = new Taken(Set.of(derived));
    String stepped = IncrementalClusters.assign(placed, Map.of(), clash).masterOfCluster().get("C:health:n1");
    assertThat(stepped).isEqualTo(MasterIds.derive(MasterIds.recordKey("health", "n1"), 1)).isNotEqualTo(derived);
  }

  @Test
  void twoValidIdNumbersNeverJoinAndTheRuleNamesWhyEachRecordIsInItsCluster() {
    IncrementalClusters involved = IncrementalClusters.of(List.of(existing("a1", 1, "110101199001011234"),
        fresh("n1", 9, "110101199001011234"), fresh("n2", 7, "220101199001015678"), fresh("n3", 5, null)));
    ConstrainedClustering clustering = new ConstrainedClustering();
    involved.cluster(clustering, Map.of(1L, new StoredLink("C:hr:a1", "P-A", "SINGLETON")),
        List.of(new ScoredPair(1, 9, 0.99, AUTO, null), new ScoredPair(9, 7, 0.98, AUTO, null), new ScoredPair(9, 5, 0.97, AUTO, null)),
        List.of(), List.of());
    Map<Long, Placed> placed = involved.place(clustering);

    assertThat(placed.get(9L).clusterKey()).isEqualTo(placed.get(1L).clusterKey()).isEqualTo(placed.get(5L).clusterKey());
    assertThat(placed.get(7L).clusterKey()).isNotEqualTo(placed.get(1L).clusterKey());
    assertThat(placed.get(1L).matchRule()).isEqualTo(MatchRule.ID_NUMBER_EXACT.name());
    assertThat(placed.get(5L).matchRule()).isEqualTo(MatchRule.MATCH_MODEL.name());
    assertThat(placed.get(7L).matchRule()).isEqualTo(MatchRule.SINGLETON.name());
  }

  @Test
  void stewardSplitsAndStoredRelativesStayApartThroughChains() {
    IncrementalClusters involved = IncrementalClusters.of(List.of(existing("a1", 1, null), existing("b1", 2, null), fresh("n1", 9, null),
        fresh("n2", 8, null)));
    ConstrainedClustering clustering = new ConstrainedClustering();
    involved.cluster(clustering, Map.of(1L, new StoredLink("C:hr:a1", "P-A", "SINGLETON"), 2L, new StoredLink("C:hr:b1", "P-B", "SINGLETON")),
        List.of(new ScoredPair(1, 9, 0.99, AUTO, null), new ScoredPair(2, 9, 0.98, AUTO, null), new ScoredPair(8, 9, 0.97, AUTO, null)),
        List.of(new Decision(8, 9, "SPLIT")), List.of(new long[] {1, 2}));

    assertThat(clustering.find(9)).isEqualTo(clustering.find(1));
    assertThat(clustering.find(2)).as("stored relatives pair").isNotEqualTo(clustering.find(1));
    assertThat(clustering.find(8)).as("steward split").isNotEqualTo(clustering.find(9));
  }

  @Test
  void anExistingClusterThatBreaksAConstraintAsksForAFullRun() {
    IncrementalClusters involved = IncrementalClusters.of(List.of(existing("a1", 1, "110101199001011234"),
        existing("a2", 2, "220101199001015678")));
    Map<Long, StoredLink> links = Map.of(1L, new StoredLink("C:hr:a1", "P-A", "ID_NUMBER_EXACT"), 2L,
        new StoredLink("C:hr:a1", "P-A", "ID_NUMBER_EXACT"));

    assertThatThrownBy(() -> involved.cluster(new ConstrainedClustering(), links, List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("C:hr:a1").hasMessageContaining(ResolveSettings.FULL);
  }

  @Test
  void twoRecordsSharingAUidSendTheRunBackToAFullOne() {
    assertThat(IncrementalClusters.of(List.of(existing("a1", 1, null), fresh("n1", 1, null)))).isNull();
    assertThat(IncrementalClusters.of(List.of(existing("a1", 1, null), existing("a1", 1, null)))).as("the same record twice").isNotNull();
  }

  @Test
  void statusFollowsClusterStewardAndBand() {
    assertThat(IncrementalClusters.status(true, true, MatchBand.REVIEW.name())).isEqualTo(PersonMatch.LINKED);
    assertThat(IncrementalClusters.status(false, true, MatchBand.REVIEW.name())).isEqualTo(PersonMatch.APART);
    assertThat(IncrementalClusters.status(false, false, MatchBand.REVIEW.name())).isEqualTo(PersonMatch.QUEUED);
    assertThat(IncrementalClusters.status(false, false, AUTO)).isEqualTo(PersonMatch.APART);
    assertThat(IncrementalClusters.keptApartAsRelatives(MatchBand.NON_MATCH.name(), PersonMatchRules.LIKELY_RELATIVES)).isTrue();
    assertThat(IncrementalClusters.keptApartAsRelatives(MatchBand.REVIEW.name(), PersonMatchRules.LIKELY_RELATIVES)).isFalse();
  }
}
