package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconciliationTest {

  @Test
  void acceptsEveryBronzeRowInExactlyOneOfSilverOrQuarantine() {
    assertThatCode(() -> Reconciliation.check("hr_household", 10, 7, 3)).doesNotThrowAnyException();
  }

  @Test
  void refusesToCommitWhenARowWentMissing() {
    assertThatThrownBy(() -> Reconciliation.check("hr_household", 10, 7, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("feed hr_household")
        .hasMessageContaining("bronze rows 10 != silver rows 7 + quarantined 2")
        .hasMessageContaining("nothing was written");
  }

  @Test
  void refusesToCommitWhenARowWasDuplicated() {
    assertThatThrownBy(() -> Reconciliation.check("hr_household", 10, 8, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bronze rows 10 != silver rows 8 + quarantined 3");
  }
}
