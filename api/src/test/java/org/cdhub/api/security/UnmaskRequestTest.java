package org.cdhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cdhub.catalog.grant.UnmaskableField;
import org.junit.jupiter.api.Test;

class UnmaskRequestTest {
  @Test
  void noFieldsAndNoPurposeIsAMaskedRead() {
    assertThat(UnmaskRequest.of(null, null)).isEqualTo(UnmaskRequest.NONE);
    assertThat(UnmaskRequest.of(List.of(), null).any()).isFalse();
  }

  @Test
  void keepsFieldsInDeclarationOrderWhateverTheRequestOrder() {
    UnmaskRequest request = UnmaskRequest.of(List.of("phone", "address", "idNumber", "phone"), "subsidy-review");

    assertThat(request.fields()).containsExactly(UnmaskableField.ID_NUMBER, UnmaskableField.PHONE, UnmaskableField.ADDRESS);
    assertThat(request.purpose()).isEqualTo("subsidy-review");
  }

  @Test
  void namesTheFieldAndRuleOfEachMistake() {
    assertThatThrownBy(() -> UnmaskRequest.of(List.of("phone"), null))
        .isInstanceOfSatisfying(InvalidUnmaskRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("purpose");
          assertThat(e.rule()).isEqualTo("required");
        });
    assertThatThrownBy(() -> UnmaskRequest.of(null, "census"))
        .isInstanceOfSatisfying(InvalidUnmaskRequestException.class, e -> assertThat(e.rule()).isEqualTo("without-unmask"));
    assertThatThrownBy(() -> UnmaskRequest.of(List.of("otherIdNumber"), "census"))
        .isInstanceOfSatisfying(InvalidUnmaskRequestException.class, e -> {
          assertThat(e.field()).isEqualTo("unmask");
          assertThat(e.rule()).isEqualTo("unknown-field");
          assertThat(e.getMessage()).isEqualTo(
              "unmask names fields to show unmasked, one of idNumber,name,phone,address; was 'otherIdNumber'");
        });
    assertThatThrownBy(() -> UnmaskRequest.of(List.of("name"), "Census 2026"))
        .isInstanceOfSatisfying(InvalidUnmaskRequestException.class, e -> assertThat(e.rule()).isEqualTo("pattern"));
  }
}
