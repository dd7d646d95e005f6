package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstrainedClusteringTest {
  @Test
  void aChainOfLinksNeverJoinsTwoValidIdNumbers() {
    ConstrainedClustering c = new ConstrainedClustering();
    c.identity(1, 111);
    c.identity(3, 333);

    assertThat(c.link(1, 2)).isTrue(); // record 2 has no ID number and matches both
    assertThat(c.link(2, 3)).isFalse();
    assertThat(c.link(3, 4)).isTrue();

    assertThat(c.find(2)).isEqualTo(c.find(1));
    assertThat(c.find(3)).isNotEqualTo(c.find(1)).isEqualTo(c.find(4));
    assertThat(c.refused()).isEqualTo(1);
    assertThat(c.link(4, 1)).as("nor through another member").isFalse();
  }

  @Test
  void theSameIdentityJoinsAndTheClusterIsNamedByItsSmallestRecord() {
    ConstrainedClustering c = new ConstrainedClustering();
    c.identity(9, 7);
    c.identity(5, 7);

    assertThat(c.link(9, 6)).isTrue();
    assertThat(c.link(6, 5)).isTrue();

    assertThat(c.clusters()).isEqualTo(Map.of(5L, 5L, 6L, 5L, 9L, 5L));
    assertThat(c.refused()).isZero();
  }

  @Test
  void recordsDeclaredApartStayApartAfterTheirClustersGrow() {
    ConstrainedClustering c = new ConstrainedClustering();
    c.keepApart(1, 2);
    c.link(1, 10);
    c.link(2, 20);

    assertThat(c.link(10, 20)).isFalse();
    assertThat(c.link(20, 1)).isFalse();
    assertThat(c.find(10)).isNotEqualTo(c.find(20));
    assertThatThrownBy(() -> c.keepApart(1, 10)).hasMessageContaining("already linked");
  }
}
