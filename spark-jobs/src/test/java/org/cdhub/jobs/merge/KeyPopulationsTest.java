package org.cdhub.jobs.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.Test;

class KeyPopulationsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
  static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

  @Test
  void anAssertedTagNamesTheMostTrustedAssertingRecord() {
    Map<String, String> provenance = new HashMap<>();
    List<String> tags = KeyPopulations.tags(List.of(
        new KeyPopulations.Assertion("DISABLED", "health", "H1", 70, T2),
        new KeyPopulations.Assertion("DISABLED", "dpf_disabled", "D9", 95, T1)), null, TODAY, provenance);

    assertThat(tags).containsExactly("DISABLED");
    assertThat(provenance).containsEntry("tag:DISABLED", "dpf_disabled:D9:ASSERTED");
  }

  @Test
  void minorsAreCountedOnTheRunDate() {
    Map<String, String> provenance = new HashMap<>();
    assertThat(KeyPopulations.tags(List.of(), LocalDate.of(2008, 12, 7), TODAY, provenance)).containsExactly("MINOR");
    assertThat(provenance).containsEntry("tag:MINOR", "merge:birth_date:AGE_UNDER_18");
    // eighteen today: an adult
    assertThat(KeyPopulations.tags(List.of(), LocalDate.of(2008, 12, 6), TODAY, new HashMap<>())).isEmpty();
  }

  @Test
  void livingAloneNeedsSixtyYearsAndBeingTheOnlyResident() {
    MasterPerson sixty = person(LocalDate.of(1966, 12, 6), "L-H1");
    MasterPerson fiftyNine = person(LocalDate.of(1966, 12, 7), "L-H1");

    assertThat(KeyPopulations.withLivingAlone(sixty, 1, TODAY).tags()).containsExactly("ELDERLY_ALONE");
    assertThat(KeyPopulations.withLivingAlone(sixty, 1, TODAY).provenance()).containsEntry("tag:ELDERLY_ALONE", "merge:house_id:AGED_60_LIVING_ALONE");
    assertThat(KeyPopulations.withLivingAlone(sixty, 2, TODAY).tags()).isEmpty();
    assertThat(KeyPopulations.withLivingAlone(fiftyNine, 1, TODAY).tags()).isEmpty();
    assertThat(KeyPopulations.withLivingAlone(person(LocalDate.of(1940, 1, 1), null), 0, TODAY).tags()).isEmpty();
  }

  static MasterPerson person(LocalDate birth, String house) {
    return new MasterPerson("P-1", null, null, "李奶奶", "li nai nai", Sex.FEMALE, birth, null, null, house, "640106", "640106001001", null,
        List.of(), null, Map.of(), 1, T1);
  }
}
