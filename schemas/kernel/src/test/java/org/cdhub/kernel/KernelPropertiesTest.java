package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Property tests. Expected check characters come from reference implementations written
 * differently from the code under test: ISO 7064 MOD 11-2 by its recursive (Horner) form, and
 * GB 32100 with weights computed as powers of 3 mod 31.
 */
class KernelPropertiesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
  private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  /** ISO 7064 MOD 11-2, recursive method: p = 2 (p + d) mod 11, check value (12 - p) mod 11. */
  static char referenceIdCheck(String first17) {
    int p = 0;
    for (char c : first17.toCharArray()) {
      p = (p + (c - '0')) * 2 % 11;
    }
    int check = (12 - p) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  /** GB 32100: weight i is 3^i mod 31; check 31 - (sum mod 31), 31 written as 0. */
  static char referenceCreditCheck(String first17) {
    int sum = 0;
    int weight = 1;
    for (char c : first17.toCharArray()) {
      sum += CREDIT_ALPHABET.indexOf(c) * weight;
      weight = weight * 3 % 31;
    }
    return CREDIT_ALPHABET.charAt((31 - sum % 31) % 31);
  }

  @Provide
  Arbitrary<String> idFirst17() {
    Arbitrary<String> region = Combinators.combine(
            Arbitraries.integers().between(1, 8), Arbitraries.strings().numeric().ofLength(5))
        .as((first, rest) -> first + rest);
    Arbitrary<LocalDate> birth = Arbitraries.longs()
        .between(0, ChronoUnit.DAYS.between(LocalDate.of(1900, 1, 1), TODAY))
        .map(days -> LocalDate.of(1900, 1, 1).plusDays(days));
    Arbitrary<String> sequence = Arbitraries.strings().numeric().ofLength(3);
    return Combinators.combine(region, birth, sequence)
        .as((r, b, s) -> r + b.format(DateTimeFormatter.BASIC_ISO_DATE) + s);
  }

  @Property
  void anySeventeenPlausibleDigitsWithTheirCheckCharacterValidate(@ForAll("idFirst17") String first17) {
    String id = first17 + referenceIdCheck(first17);

    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(id, TODAY);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(CitizenIdNumber.checkCharacter(first17)).isEqualTo(referenceIdCheck(first17));
    assertThat(checked.value().birthDate()).isEqualTo(LocalDate.parse(first17.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE));
    assertThat(checked.value().sex()).isEqualTo((first17.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    assertThat(checked.value().regionCode()).isEqualTo(first17.substring(0, 6));
  }

  @Property
  void changingOneDigitInvalidates(
      @ForAll("idFirst17") String first17, @ForAll @IntRange(min = 0, max = 17) int position,
      @ForAll @IntRange(min = 1, max = 9) int shift) {
    String id = first17 + referenceIdCheck(first17);
    char original = id.charAt(position);
    char changed = original == 'X'
        ? (char) ('0' + shift)
        : (char) ('0' + (original - '0' + shift) % 10);
    String typo = id.substring(0, position) + changed + id.substring(position + 1);

    assertThat(CitizenIdNumber.check(typo, TODAY).valid()).isFalse();
  }

  @Property
  void swappingTheCheckCharacterIsReportedAsChecksum(@ForAll("idFirst17") String first17, @ForAll @CharRange(from = '0', to = '9') char other) {
    char right = referenceIdCheck(first17);
    char wrong = other == right ? 'X' : other;
    if (right == 'X') {
      wrong = other;
    }

    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(first17 + wrong, TODAY);

    assertThat(checked.rule()).isEqualTo("ID-CHECKSUM");
    assertThat(checked.reason()).startsWith("check character should be " + right);
  }

  @Provide
  Arbitrary<String> id15() {
    Arbitrary<String> region = Combinators.combine(
            Arbitraries.integers().between(1, 8), Arbitraries.strings().numeric().ofLength(5))
        .as((first, rest) -> first + rest);
    Arbitrary<LocalDate> birth = Arbitraries.longs()
        .between(0, ChronoUnit.DAYS.between(LocalDate.of(1900, 1, 1), LocalDate.of(1999, 12, 31)))
        .map(days -> LocalDate.of(1900, 1, 1).plusDays(days));
    return Combinators.combine(region, birth, Arbitraries.strings().numeric().ofLength(3))
        .as((r, b, s) -> r + b.format(DateTimeFormatter.ofPattern("yyMMdd")) + s);
  }

  @Property
  void upgradedFifteenDigitNumbersKeepBirthDateAndSex(@ForAll("id15") String id15) {
    Checked<CitizenIdNumber> checked = CitizenIdNumber.check(id15, TODAY);
    String expected17 = id15.substring(0, 6) + "19" + id15.substring(6);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.notes()).containsExactly(CitizenIdNumber.NOTE_UPGRADED_FROM_15);
    assertThat(checked.value().value()).isEqualTo(expected17 + referenceIdCheck(expected17));
    assertThat(CitizenIdNumber.upgrade15(id15)).isEqualTo(checked.value().value());
    assertThat(checked.value().birthDate())
        .isEqualTo(LocalDate.parse("19" + id15.substring(6, 12), DateTimeFormatter.BASIC_ISO_DATE));
    assertThat(checked.value().sex()).isEqualTo((id15.charAt(14) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE);
  }

  @Property
  void idMaskingNeverShowsMoreThanFourCharacters(@ForAll @StringLength(max = 40) String anything) {
    String masked = Masking.idNumber(anything);

    assertThat(masked.chars().filter(c -> c != '*').count()).isLessThanOrEqualTo(4);
  }

  @Property
  void idMaskingOfIdNumbersShowsOnlyTheLastFourDigits(@ForAll("idFirst17") String first17) {
    String id = first17 + referenceIdCheck(first17);

    assertThat(Masking.idNumber(id)).isEqualTo("*".repeat(14) + id.substring(14));
    assertThat(CitizenIdNumber.check(id, TODAY).value().toString()).doesNotContain(id.substring(0, 14));
  }

  @Property
  void phoneMaskingNeverShowsMoreThanSevenDigits(@ForAll @NumericChars @StringLength(max = 20) String digits) {
    String masked = Masking.phone(digits);

    assertThat(masked.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(7);
    assertThat(masked.chars().filter(Character::isDigit).count()).isLessThan(Math.max(1, digits.length()));
  }

  @Provide
  Arbitrary<String> mobile() {
    return Combinators.combine(Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
        .as((second, rest) -> "1" + second + rest);
  }

  @Property
  void mobileNumbersSurviveAnyUsualDecoration(
      @ForAll("mobile") String mobile,
      @ForAll("prefixes") String prefix,
      @ForAll("separators") String separator) {
    String decorated = prefix + mobile.substring(0, 3) + separator + mobile.substring(3, 7) + separator + mobile.substring(7);

    Checked<MobileNumber> checked = MobileNumber.check(decorated);

    assertThat(checked.valid()).as(decorated + ": " + checked.reason()).isTrue();
    assertThat(checked.value().value()).isEqualTo(mobile);
    assertThat(checked.value().masked()).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of("", "+86", "+86 ", "0086", "0086-", "(+86)", "86", " ");
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of("", " ", "-", "  ", " - ", "\u3000");
  }

  @Provide
  Arbitrary<String> creditFirst17() {
    Arbitrary<String> authorityAndType = Arbitraries.of("11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "N1", "N2", "Y1");
    Arbitrary<String> region = Combinators.combine(
            Arbitraries.integers().between(1, 8), Arbitraries.strings().numeric().ofLength(5))
        .as((first, rest) -> first + rest);
    Arbitrary<String> organization = Arbitraries.strings().withChars(CREDIT_ALPHABET.toCharArray()).ofLength(9);
    return Combinators.combine(authorityAndType, region, organization).as((a, r, o) -> a + r + o);
  }

  @Property
  void creditCodesWithTheirCheckCharacterValidateAndAnySubstitutionInvalidates(
      @ForAll("creditFirst17") String first17,
      @ForAll @IntRange(min = 0, max = 17) int position,
      @ForAll @IntRange(min = 1, max = 30) int shift) {
    String code = first17 + referenceCreditCheck(first17);
    String typo = code.substring(0, position)
        + CREDIT_ALPHABET.charAt((CREDIT_ALPHABET.indexOf(code.charAt(position)) + shift) % 31)
        + code.substring(position + 1);

    assertThat(CreditCode.checkCharacter(first17)).isEqualTo(referenceCreditCheck(first17));
    assertThat(CreditCode.check(code).valid()).isTrue();
    assertThat(CreditCode.check(code.toLowerCase()).value().value()).isEqualTo(code);
    assertThat(CreditCode.check(typo).valid()).isFalse();
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.longs()
        .between(0, ChronoUnit.DAYS.between(LocalDate.of(1900, 3, 1), LocalDate.of(2099, 12, 31)))
        .map(days -> LocalDate.of(1900, 3, 1).plusDays(days));
  }

  @Property
  void everyBuiltInFormatReadsBackTheSameDate(
      @ForAll("dates") LocalDate date, @ForAll("formats") String format, @ForAll("times") String time) {
    String text = DateTimeFormatter.ofPattern(format).format(date) + time;

    assertThat(ExportDate.check(text).value()).as(text).isEqualTo(date);
  }

  @Provide
  Arbitrary<String> formats() {
    return Arbitraries.of("yyyyMMdd", "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy年M月d日", "yyyy年MM月dd日");
  }

  @Provide
  Arbitrary<String> times() {
    return Arbitraries.of("", " 00:00:00", " 23:59", "T12:30:45", " 8:05:00.0");
  }

  @Property
  void excelSerialDaysCountFromTheExcelEpoch(@ForAll("dates") LocalDate date) {
    long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date);
    // Serials below 100 (before 1900-04-09) are taken for junk, and 1800..2200 for bare years.
    if (serial < 100 || serial >= 1800 && serial <= 2200 || serial > 99999) {
      return;
    }

    assertThat(ExportDate.check(Long.toString(serial)).value()).isEqualTo(date);
    assertThat(ExportDate.check(serial + ".5").value()).isEqualTo(date);
  }

  @Property
  void traditionalAndSimplifiedNamesStandardizeAlike(@ForAll("hanNames") String name) {
    Checked<PersonName> simplified = PersonName.check(name);
    Checked<PersonName> traditional = PersonName.check(ChineseScript.toTraditional(name));
    Checked<PersonName> spaced = PersonName.check(String.join(" ", name.split("")));

    assertThat(simplified.valid()).isTrue();
    assertThat(traditional.value()).isEqualTo(simplified.value());
    assertThat(spaced.value()).isEqualTo(simplified.value());
    assertThat(traditional.value().pinyinKey()).isEqualTo(simplified.value().pinyinKey()).matches("[a-z]+");
  }

  @Provide
  Arbitrary<String> hanNames() {
    Arbitrary<String> surname = Arbitraries.of("张", "王", "李", "赵", "刘", "陈", "杨", "黄", "吴", "马", "欧阳", "司马");
    Arbitrary<String> given = Arbitraries.strings().withChars("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国".toCharArray()).ofMinLength(1).ofMaxLength(2);
    return Combinators.combine(surname, given).as(String::concat);
  }

  @Property
  void nameMaskingRevealsAtMostTwoCharacters(@ForAll @StringLength(max = 40) String anything) {
    String masked = Masking.name(anything);

    assertThat(masked.codePoints().filter(c -> c != '*').count()).isLessThanOrEqualTo(2);
  }

  @Property
  void addressesRoundTripThroughTheirStandardForm(
      @ForAll("addressParts") ParsedAddress address, @ForAll("addressForms") int form) {
    String written = switch (form) {
      case 0 -> address.standardForm();
      case 1 -> address.district() + address.street() + address.community() + address.compound()
          + address.building() + "-" + address.unit() + "-" + address.room();
      case 2 -> address.district() + " " + address.street() + address.community() + " "
          + address.compound().replace("小区", "") + address.building() + "栋" + address.unit() + "单元" + address.room();
      default -> "宁夏回族自治区银川市" + address.district() + address.street() + address.community()
          + address.compound() + address.building() + "幢" + address.unit() + "单元" + address.room() + "户";
    };

    ParsedAddress parsed = AddressParser.parse(written);

    assertThat(parsed).as(written).isEqualTo(address);
    assertThat(AddressParser.parse(parsed.standardForm())).isEqualTo(address);
    assertThat(Masking.address(written)).doesNotContain(address.room());
  }

  @Provide
  Arbitrary<Integer> addressForms() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<ParsedAddress> addressParts() {
    Arbitrary<String> district = Arbitraries.of("金凤区", "兴庆区", "西夏区", "永宁县", "贺兰县");
    Arbitrary<String> street = Arbitraries.of("长城中路街道", "满城北街街道", "黄河东路街道", "丽景街街道");
    Arbitrary<String> community = Arbitraries.of("丽景社区", "康平社区", "阅海湾社区", "新华社区");
    Arbitrary<String> compound = Arbitraries.of("丽景湾小区", "阳光花园小区", "紫园小区", "宁安家园小区", "湖畔嘉苑小区");
    Arbitrary<String> building = Arbitraries.integers().between(1, 40).map(String::valueOf);
    Arbitrary<String> unit = Arbitraries.integers().between(1, 6).map(String::valueOf);
    Arbitrary<String> room = Combinators.combine(Arbitraries.integers().between(1, 33), Arbitraries.integers().between(1, 4))
        .as((floor, door) -> floor + "0" + door);
    return Combinators.combine(district, street, community, compound, building, unit, room)
        .as((d, s, c, p, b, u, r) -> new ParsedAddress(d, s, c, p, b, u, r, null));
  }

  @Property
  void addressParserNeverThrows(@ForAll @StringLength(max = 60) String anything) {
    assertThat(AddressParser.parse(anything).standardForm()).isNotNull();
    assertThat(Masking.address(anything)).isNotNull();
  }
}
