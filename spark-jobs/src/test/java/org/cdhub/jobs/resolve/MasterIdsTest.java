package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MasterIdsTest {

  @Test
  void derivesTheSameIdFromTheSameRecordEveryTime() {
    String key = MasterIds.recordKey("hr_household", "R001");

    assertThat(MasterIds.derive(key, 0)).isEqualTo(MasterIds.derive(key, 0)).matches("P-[0-9A-F]{20}");
  }

  @Test
  void differentRecordsGiveDifferentIds() {
    assertThat(MasterIds.derive(MasterIds.recordKey("hr_household", "R001"), 0))
        .isNotEqualTo(MasterIds.derive(MasterIds.recordKey("hr_household", "R002"), 0))
        // the separator keeps ("a", "bc") and ("ab", "c") apart
        .isNotEqualTo(MasterIds.derive(MasterIds.recordKey("hr_householdR", "001"), 0));
  }

  @Test
  void stepsAroundATakenIdDeterministically() {
    String key = MasterIds.recordKey("hr_household", "R001");
    String normal = MasterIds.derive(key, 0);

    String stepped = MasterIds.deriveAvoiding(key, Set.of(normal));

    assertThat(stepped).isNotEqualTo(normal).isEqualTo(MasterIds.derive(key, 1));
    assertThat(MasterIds.deriveAvoiding(key, Set.of())).isEqualTo(normal);
  }
}
