package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedTest {

  @Test
  void okOutcomeIsValidAndCarriesValueAndNotes() {
    Checked<String> checked = Checked.ok("v", "NOTE_A", "NOTE_B");

    assertThat(checked.valid()).isTrue();
    assertThat(checked.value()).isEqualTo("v");
    assertThat(checked.rule()).isNull();
    assertThat(checked.reason()).isNull();
    assertThat(checked.notes()).containsExactly("NOTE_A", "NOTE_B");
    assertThat(checked.orElseThrow("r-1", "f")).isEqualTo("v");
  }

  @Test
  void rejectedOutcomeIsInvalidWithRuleAndReason() {
    Checked<String> checked = Checked.rejected("X-RULE", "because");

    assertThat(checked.valid()).isFalse();
    assertThat(checked.value()).isNull();
    assertThat(checked.rule()).isEqualTo("X-RULE");
    assertThat(checked.reason()).isEqualTo("because");
    assertThat(checked.notes()).isEmpty();
  }

  @Test
  void orElseThrowNamesRecordFieldRuleAndMaskedValue() {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check("110105194912310025");

    assertThatThrownBy(() -> checked.orElseThrow("hr-0017", "sfzh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot standardize field sfzh of record hr-0017: rule ID-CHECKSUM failed: "
            + "check character should be X (value **************0025)");
  }

  @Test
  void notesAreCopiedAndImmutable() {
    List<String> notes = new ArrayList<>(List.of("A"));
    Checked<String> checked = new Checked<>("v", null, null, notes);
    notes.add("B");

    assertThat(checked.notes()).containsExactly("A");
    assertThatThrownBy(() -> checked.notes().add("C")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsInconsistentOutcomes() {
    assertThatThrownBy(() -> new Checked<>(null, null, null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("value is null");
    assertThatThrownBy(() -> new Checked<>("v", "RULE", "reason", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule RULE");
    assertThatThrownBy(() -> new Checked<>("v", null, "reason", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no reason");
    assertThatThrownBy(() -> Checked.rejected("RULE", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("reason is null");
    assertThatThrownBy(() -> Checked.rejected(" ", "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule is blank");
  }
}
