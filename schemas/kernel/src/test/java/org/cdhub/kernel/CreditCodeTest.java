package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected check characters: GB 32100's example 91350100M000100Y43, and codes computed by hand
 * with the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 (check = 31 - sum mod 31,
 * 31 -> 0) over the alphabet 0-9 A-H J-N P-R T-U W-Y.
 */
class CreditCodeTest {

  @Test
  void acceptsPublishedExampleAndExtractsItsParts() {
    CreditCode code = CreditCode.parse("91350100M000100Y43");

    assertThat(code.value()).isEqualTo("91350100M000100Y43");
    assertThat(code.registrationAuthority()).isEqualTo('9');
    assertThat(code.organizationType()).isEqualTo('1');
    assertThat(code.regionCode()).isEqualTo("350100");
    assertThat(code.toString()).isEqualTo("91350100M000100Y43");
  }

  @ParameterizedTest
  @CsvSource({
    "91350100M000100Y4, 3",
    "91640100MA75Y1234, 7",
    "52640104MJX123456, R",
    "12640100MB1234567, K",
    "92640106MA77AB12C, F",
    "91640100MA761234C, 0", // weighted sum is a multiple of 31: 31 - 0 = 31 -> '0'
    "91640100MA761234N, Y", // sum mod 31 = 1 -> 30 -> 'Y'
  })
  void computesCheckCharacter(String first17, char expected) {
    assertThat(CreditCode.checkCharacter(first17)).isEqualTo(expected);
    assertThat(CreditCode.check(first17 + expected).valid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {" 91350100m000100y43 ", "9135 0100 M000 100Y 43", "９１３５０１００Ｍ０００１００Ｙ４３"})
  void normalizesCaseWidthAndSpaces(String raw) {
    Checked<CreditCode> checked = CreditCode.check(raw);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.value().value()).isEqualTo("91350100M000100Y43");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejectsEmpty(String raw) {
    assertThat(CreditCode.check(raw).rule()).isEqualTo("CREDIT-EMPTY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "913501"})
  void rejectsWrongLength(String raw) {
    assertThat(CreditCode.check(raw).rule()).isEqualTo("CREDIT-LENGTH");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "91350100I000100Y43", "91350100O000100Y43", "91350100Z000100Y43",
    "91350100S000100Y43", "91350100V000100Y43", "91350100-000100Y43",
  })
  void rejectsLettersOutsideTheAlphabet(String raw) {
    Checked<CreditCode> checked = CreditCode.check(raw);

    assertThat(checked.rule()).isEqualTo("CREDIT-CHARSET");
    assertThat(checked.reason()).contains("character 9");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "B1350100M000100Y43", // B is no registration authority
    "94350100M000100Y43", // 工商 has types 1-3 only
    "Y2350100M000100Y43", // 其他 has type 1 only
    "20350100M000100Y43",
  })
  void rejectsUndefinedAuthorityAndTypePairs(String raw) {
    assertThat(CreditCode.check(raw).rule()).isEqualTo("CREDIT-AUTHORITY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"91A50100M000100Y43", "91050100M000100Y43", "91950100M000100Y43"})
  void rejectsRegionCodeThatIsNotSixDigitsStartingOneToEight(String raw) {
    assertThat(CreditCode.check(raw).rule()).isEqualTo("CREDIT-REGION");
  }

  @Test
  void rejectsWrongCheckCharacterNamingTheExpectedOne() {
    Checked<CreditCode> checked = CreditCode.check("91350100M000100Y44");

    assertThat(checked.rule()).isEqualTo("CREDIT-CHECKSUM");
    assertThat(checked.reason()).isEqualTo("check character should be 3 (value 91350100******0Y44)");
  }

  @Test
  void parseThrowsNamingTheRule() {
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y44"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot parse credit code: rule CREDIT-CHECKSUM failed");
  }

  @Test
  void checkCharacterRejectsBadInput() {
    assertThatThrownBy(() -> CreditCode.checkCharacter("91350100M000100Y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need exactly 17 characters");
    assertThatThrownBy(() -> CreditCode.checkCharacter("91350100M000100YI"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character 17");
  }

  @Test
  void maskedShowsAuthorityTypeRegionAndLastFour() {
    assertThat(CreditCode.parse("91350100M000100Y43").masked()).isEqualTo("91350100******0Y43");
  }

  @Test
  void equalityIsByValue() {
    assertThat(CreditCode.parse("91350100M000100Y43"))
        .isEqualTo(CreditCode.parse("91350100m000100y43"))
        .hasSameHashCodeAs(CreditCode.parse("91350100M000100Y43"))
        .isNotEqualTo(CreditCode.parse("52640104MJX123456R"));
  }
}
