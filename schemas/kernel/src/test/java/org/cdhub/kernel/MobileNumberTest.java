package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MobileNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "13800138000", " 138 0013 8000 ", "138-0013-8000", "+86 138 0013 8000", "+8613800138000",
    "008613800138000", "0086-138-0013-8000", "(+86)138-0013-8000", "8613800138000", "１３８００１３８０００",
    "138.0013.8000",
  })
  void acceptsMobileNumbersAfterStrippingPrefixAndSeparators(String raw) {
    Checked<MobileNumber> checked = MobileNumber.check(raw);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.value().value()).isEqualTo("13800138000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"13912345678", "15012345678", "16612345678", "17712345678", "18812345678", "19912345678"})
  void acceptsEveryPrefixFromThirteenToNineteen(String raw) {
    assertThat(MobileNumber.check(raw).valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", " - "})
  void rejectsEmpty(String raw) {
    assertThat(MobileNumber.check(raw).rule()).isEqualTo("PHONE-EMPTY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1380013800", "138001380001", "0951-50123456", "12345"})
  void rejectsWrongLength(String raw) {
    Checked<MobileNumber> checked = MobileNumber.check(raw);

    assertThat(checked.rule()).isEqualTo("PHONE-LENGTH");
    assertThat(checked.reason()).contains("expected 11");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0951-5012345", "09515012345", "12800138000", "23800138000", "11012345678"})
  void rejectsLandlinesAndWrongPrefix(String raw) {
    assertThat(MobileNumber.check(raw).rule()).isEqualTo("PHONE-PREFIX");
  }

  @ParameterizedTest
  @ValueSource(strings = {"138001380OO", "138 0013 800a", "电话13800138000"})
  void rejectsNonDigits(String raw) {
    assertThat(MobileNumber.check(raw).rule()).isEqualTo("PHONE-CHARSET");
  }

  @Test
  void reasonsNeverContainTheRawNumber() {
    Checked<MobileNumber> checked = MobileNumber.check("1380013800");

    assertThat(checked.reason()).doesNotContain("1380013800").contains("******3800");
  }

  @Test
  void maskedAndToStringShowFirstThreeAndLastFour() {
    MobileNumber phone = MobileNumber.check("+86 138-1234-5678").value();

    assertThat(phone.masked()).isEqualTo("138****5678");
    assertThat(phone.toString()).isEqualTo("138****5678");
    assertThat(phone).isEqualTo(MobileNumber.check("13812345678").value())
        .hasSameHashCodeAs(MobileNumber.check("13812345678").value());
  }
}
