package org.cdhub.citygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigitsTest {
  @Test
  void padsWithLeadingZerosAndKeepsLongerNumbers() {
    assertThat(Digits.pad(42, 5)).isEqualTo("00042");
    assertThat(Digits.pad(123456, 3)).isEqualTo("123456");
    assertThat(Digits.twoDecimals(89.5)).isEqualTo("89.50");
    assertThat(Digits.twoDecimals(120.056)).isEqualTo("120.06");
    assertThatThrownBy(() -> Digits.pad(-1, 3)).hasMessageContaining("-1");
  }

  @Test
  void writesChineseNumeralsAsAddressesDo() {
    assertThat(Numerals.chinese(3)).isEqualTo("三");
    assertThat(Numerals.chinese(12)).isEqualTo("十二");
    assertThat(Numerals.chinese(20)).isEqualTo("二十");
    assertThat(Numerals.chinese(35)).isEqualTo("三十五");
    assertThat(Numerals.spelled("501")).isEqualTo("五零一");
  }

  @Test
  void longSetKeepsUniqueKeysAcrossGrowth() {
    LongSet set = new LongSet(4);
    for (long k = 1; k <= 10_000; k++) {
      assertThat(set.add(k * 7919)).isTrue();
    }
    assertThat(set.add(7919)).isFalse();
    assertThat(set.size()).isEqualTo(10_000);
    assertThatThrownBy(() -> set.add(0)).hasMessageContaining("positive");
  }
}
