package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected check characters come from the GB 11643 example (11010519491231002X) and from
 * hand computation with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (sum mod 11 ->
 * 1 0 X 9 8 7 6 5 4 3 2), never from the code under test.
 */
class CitizenIdNumberTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);

  @Test
  void acceptsPublishedExampleAndExtractsItsParts() {
    CitizenIdNumber id = CitizenIdNumber.parse("11010519491231002X");

    assertThat(id.value()).isEqualTo("11010519491231002X");
    assertThat(id.regionCode()).isEqualTo("110105");
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(id.sex()).isEqualTo(Sex.FEMALE);
  }

  @ParameterizedTest
  @CsvSource({
    "64010419900101123X, 1990-01-01, MALE",
    "640106200002290021, 2000-02-29, FEMALE",
    "640104198506150011, 1985-06-15, MALE",
    "640102197707078880, 1977-07-07, FEMALE",
    "640104199909090097, 1999-09-09, MALE",
  })
  void acceptsValidNumbersWithBirthDateAndSex(String raw, LocalDate birth, Sex sex) {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(raw, TODAY);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.notes()).isEmpty();
    assertThat(checked.value().birthDate()).isEqualTo(birth);
    assertThat(checked.value().sex()).isEqualTo(sex);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "11010519491231002x",
    " 11010519491231002X ",
    "110105 19491231 002X",
    "１１０１０５１９４９１２３１００２Ｘ",
    "１１０１０５１９４９１２３１００２ｘ",
    "110105\u300019491231\u3000002x",
    "\t110105194912\u00a031002X\n",
  })
  void normalizesWidthCaseAndSpaces(String raw) {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(raw, TODAY);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.value().value()).isEqualTo("11010519491231002X");
  }

  @Test
  void upgradesLegacyFifteenDigitNumberWithNote() {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check("640104850615001", TODAY);

    assertThat(checked.valid()).isTrue();
    assertThat(checked.notes()).containsExactly("ID_UPGRADED_FROM_15");
    assertThat(checked.value().value()).isEqualTo("640104198506150011");
    assertThat(checked.value().birthDate()).isEqualTo(LocalDate.of(1985, 6, 15));
    assertThat(checked.value().sex()).isEqualTo(Sex.MALE);
  }

  @Test
  void upgrade15InsertsCenturyAndAppendsCheckCharacter() {
    assertThat(CitizenIdNumber.upgrade15("110105491231002")).isEqualTo("11010519491231002X");
    assertThat(CitizenIdNumber.upgrade15("640104850615001")).isEqualTo("640104198506150011");
  }

  @Test
  void upgrade15RejectsAnythingButFifteenDigits() {
    assertThatThrownBy(() -> CitizenIdNumber.upgrade15("64010485061500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need exactly 15 digits");
    assertThatThrownBy(() -> CitizenIdNumber.upgrade15("64010485061500X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need exactly 15 digits")
        .hasMessageNotContaining("64010485061500X");
  }

  @ParameterizedTest
  @CsvSource({
    "11010519491231002, X",
    "64010419900101123, X",
    "64010620000229002, 1",
    "64010219770707888, 0",
    "64010419990909009, 7",
    "64012120230101002, 9",
  })
  void computesCheckCharacter(String first17, char expected) {
    assertThat(CitizenIdNumber.checkCharacter(first17)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1101051949123100", "110105194912310021", "1101051949123100A"})
  void checkCharacterNeedsExactlySeventeenDigits(String bad) {
    assertThatThrownBy(() -> CitizenIdNumber.checkCharacter(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need exactly 17 digits");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\u3000"})
  void rejectsEmpty(String raw) {
    assertThat(CitizenIdNumber.check(raw, TODAY).rule()).isEqualTo("ID-EMPTY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1101051949123100", "1101051949123100211", "12345", "64010485061500"})
  void rejectsWrongLength(String raw) {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(raw, TODAY);

    assertThat(checked.rule()).isEqualTo("ID-LENGTH");
    assertThat(checked.reason()).contains("expected 18");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002Y", "1101051949123100XX", "11010519491231O02X", "64010485061500X"})
  void rejectsCharactersOutsideTheCharset(String raw) {
    assertThat(CitizenIdNumber.check(raw, TODAY).rule()).isEqualTo("ID-CHARSET");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "010105194912310020", // region starts with 0
    "910105194912310020", // region starts with 9
    "010104850615001",    // legacy number, region starts with 0
  })
  void rejectsRegionCodeNotStartingWithOneToEight(String raw) {
    assertThat(CitizenIdNumber.check(raw, TODAY).rule()).isEqualTo("ID-REGION");
  }

  @ParameterizedTest
  @CsvSource({
    "640104199002300010, not a calendar date", // 30 February
    "640104199013010010, not a calendar date", // month 13
    "640104199001000010, not a calendar date", // day 0
    "440524188001010014, before 1900",         // GB 11643's own 1880 example: implausible today
    "640104203001010010, in the future",
    "640104902301001,    not a calendar date", // legacy: 1990-23-01
  })
  void rejectsImplausibleBirthDates(String raw, String why) {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(raw, TODAY);

    assertThat(checked.rule()).isEqualTo("ID-BIRTHDATE");
    assertThat(checked.reason()).contains(why);
  }

  @Test
  void birthDateOnTodayIsAcceptedAndTomorrowIsNot() {
    // 64010420261101001: weighted sum 156, mod 11 = 2 -> 'X'; ...1102001: 161, mod 11 = 7 -> '5'
    assertThat(CitizenIdNumber.check("64010420261101001X", TODAY).valid()).isTrue();
    assertThat(CitizenIdNumber.check("640104202611020015", TODAY).rule()).isEqualTo("ID-BIRTHDATE");
  }

  @Test
  void rejectsWrongCheckCharacterNamingTheExpectedOneAndMaskingTheNumber() {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check("640104198506150012", TODAY);

    assertThat(checked.rule()).isEqualTo("ID-CHECKSUM");
    assertThat(checked.reason())
        .isEqualTo("check character should be 1 (value **************0012)")
        .doesNotContain("640104198506150012");
  }

  @Test
  void parseThrowsWithRuleAndMaskedNumber() {
    assertThatThrownBy(() -> CitizenIdNumber.parse("640104198506150012"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot parse citizen ID number: rule ID-CHECKSUM failed: "
            + "check character should be 1 (value **************0012)");
  }

  @Test
  void checkWithoutClockUsesTodayInChina() {
    assertThat(CitizenIdNumber.check("11010519491231002X").valid()).isTrue();
    assertThat(CitizenIdNumber.check("640104209901010010").rule()).isEqualTo("ID-BIRTHDATE");
  }

  @Test
  void toStringIsMaskedAndEqualityIsByValue() {
    CitizenIdNumber a = CitizenIdNumber.parse("11010519491231002X");
    CitizenIdNumber b = CitizenIdNumber.parse("110105 19491231002x");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(CitizenIdNumber.parse("640104198506150011"));
    assertThat(a.toString()).isEqualTo("**************002X");
    assertThat(a.masked()).isEqualTo("**************002X");
  }
}
