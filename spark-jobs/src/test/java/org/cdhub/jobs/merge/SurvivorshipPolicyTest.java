package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.jobs.merge.Survivorship.Candidate;
import org.cdhub.jobs.merge.Survivorship.Criterion;
import org.cdhub.jobs.merge.Survivorship.Rule;
import org.cdhub.model.entity.EntityType;
import org.junit.jupiter.api.Test;

class SurvivorshipPolicyTest {
  static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NEW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void theOrderPerAttributeDecidesWhichValueSurvives() {
    SurvivorshipPolicy policy = SurvivorshipPolicy.parse("""
        default: [trust, recency]
        event:
          status: [recency, trust]
        """, "test");
    List<Candidate<String>> candidates = List.of(
        new Candidate<>("CLOSED", "grid", "1", 50, NEW), new Candidate<>("REPORTED", "police", "2", 90, OLD));

    assertThat(Survivorship.pick(candidates, policy.order(EntityType.EVENT, "status")).orElseThrow())
        .extracting(Survivorship.Pick::value, Survivorship.Pick::rule).containsExactly("CLOSED", Rule.RECENCY);
    assertThat(Survivorship.pick(candidates, policy.order(EntityType.EVENT, "description")).orElseThrow())
        .extracting(Survivorship.Pick::value, Survivorship.Pick::rule).containsExactly("REPORTED", Rule.TRUST);
  }

  @Test
  void completenessPrefersTheFullerRecordAtEqualTrustAndTime() {
    List<Candidate<String>> candidates = List.of(
        new Candidate<>("13800000001", "a", "1", 50, OLD, 0.4), new Candidate<>("13900000002", "b", "2", 50, OLD, 0.9));

    assertThat(Survivorship.pick(candidates, SurvivorshipPolicy.DEFAULT_ORDER).orElseThrow())
        .extracting(Survivorship.Pick::value, Survivorship.Pick::rule).containsExactly("13900000002", Rule.COMPLETENESS);
  }

  @Test
  void theBundledPolicyLoadsAndAFileOverridesIt() {
    SurvivorshipPolicy bundled = SurvivorshipPolicy.bundled();
    assertThat(bundled.order(EntityType.EVENT, "status")).startsWith(Criterion.RECENCY);
    assertThat(bundled.order(EntityType.PERSON, "name")).isEqualTo(bundled.defaultOrder());
    assertThat(SurvivorshipPolicy.fromEnvironment(Map.of())).isEqualTo(bundled);
  }

  @Test
  void mistakesNameTheFileTheAttributeAndTheValue() {
    assertThatThrownBy(() -> SurvivorshipPolicy.parse("person:\n  phone: [trust, newest]\n", "my.yaml"))
        .hasMessageContaining("my.yaml").hasMessageContaining("person.phone").hasMessageContaining("newest");
    assertThatThrownBy(() -> SurvivorshipPolicy.parse("persons:\n  phone: [trust]\n", "my.yaml"))
        .hasMessageContaining("unknown entity 'persons'");
    assertThatThrownBy(() -> SurvivorshipPolicy.parse("default: []\n", "my.yaml")).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> SurvivorshipPolicy.parse("default: [trust, trust]\n", "my.yaml")).hasMessageContaining("twice");
  }
}
