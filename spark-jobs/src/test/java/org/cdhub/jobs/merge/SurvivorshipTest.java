package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cdhub.jobs.merge.Survivorship.Candidate;
import org.cdhub.jobs.merge.Survivorship.Pick;
import org.cdhub.jobs.merge.Survivorship.Rule;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

  private static Candidate<String> c(String value, String feed, String record, int trust, Instant at) {
    return new Candidate<>(value, feed, record, trust, at);
  }

  private static Pick<String> pick(List<Candidate<String>> candidates) {
    return Survivorship.pick(candidates).orElseThrow();
  }

  @Test
  void higherTrustBeatsMoreRecent() {
    Pick<String> p = pick(List.of(c("13800000001", "hr", "R1", 95, T1), c("13900000002", "vendor", "V1", 60, T2)));

    assertThat(p.value()).isEqualTo("13800000001");
    assertThat(p.rule()).isEqualTo(Rule.TRUST);
    assertThat(p.provenance()).isEqualTo("hr:R1:TRUST");
  }

  @Test
  void moreRecentBeatsMoreFrequentAtEqualTrust() {
    Pick<String> p = pick(List.of(c("a", "f", "1", 50, T1), c("a", "f", "2", 50, T1), c("b", "f", "3", 50, T2)));

    assertThat(p.value()).isEqualTo("b");
    assertThat(p.rule()).isEqualTo(Rule.RECENCY);
  }

  @Test
  void moreFrequentWinsWhenTrustAndRecencyTie() {
    Pick<String> p = pick(List.of(c("b", "f", "1", 50, T1), c("a", "f", "2", 50, T1), c("a", "g", "3", 50, T1)));

    assertThat(p.value()).isEqualTo("a");
    assertThat(p.rule()).isEqualTo(Rule.FREQUENCY);
  }

  @Test
  void agreementAndSingleSourceAreNamed() {
    assertThat(pick(List.of(c("a", "f", "1", 50, T1), c("a", "g", "2", 90, T2))).rule()).isEqualTo(Rule.AGREED);
    assertThat(pick(List.of(c("a", "f", "1", 50, T1))).rule()).isEqualTo(Rule.SINGLE_SOURCE);
    assertThat(Survivorship.<String>pick(List.of())).isEmpty();
  }

  @Test
  void pickDoesNotDependOnInputOrder() {
    List<Candidate<String>> candidates = new ArrayList<>(List.of(
        c("b", "f", "1", 50, T1), c("a", "g", "2", 50, T1), c("c", "h", "3", 50, T1)));
    Pick<String> first = pick(candidates);
    for (int i = 0; i < 5; i++) {
      Collections.rotate(candidates, 1);
      assertThat(pick(candidates)).isEqualTo(first);
    }
    assertThat(first.value()).isEqualTo("a");
    assertThat(first.rule()).isEqualTo(Rule.TIE_BREAK);
  }
}
