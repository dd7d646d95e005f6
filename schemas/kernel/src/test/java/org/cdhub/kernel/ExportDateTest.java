package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportDateTest {

  private static final LocalDate JAN_5 = LocalDate.of(2024, 1, 5);

  @ParameterizedTest
  @ValueSource(strings = {
    "20240105", "2024-01-05", "2024-1-5", "2024/1/5", "2024/01/05", "2024.1.5", "2024.01.05",
    "2024年1月5日", "2024年01月05日", "2024年1月5号", " 2024-01-05 ", "２０２４－０１－０５",
    "2024-01-05 10:30", "2024-01-05 10:30:00", "2024-01-05T10:30:00", "2024-01-05T10:30:00.123+08:00",
    "2024-01-05 10:30:00.0", "2024/1/5 8:05", "2024年1月5日 10时30分", "2024年1月5日10:30",
    "20240105103000", "20240105 10:30:00", "2024-01-05T02:30:00Z",
  })
  void acceptsTheFormatsExportsUseIgnoringTime(String raw) {
    Checked<LocalDate> checked = ExportDate.check(raw);

    assertThat(checked.valid()).as(checked.reason()).isTrue();
    assertThat(checked.value()).isEqualTo(JAN_5);
  }

  @ParameterizedTest
  @CsvSource({
    "36526, 2000-01-01",
    "43831, 2020-01-01",
    "45292, 2024-01-01",
    "45292.75, 2024-01-01",
    "100, 1900-04-09",
    "2959, 1908-02-06",
  })
  void acceptsExcelSerialDays(String raw, LocalDate expected) {
    assertThat(ExportDate.check(raw).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024", "1949", "2024.5"})
  void rejectsBareYearsInsteadOfReadingThemAsExcelSerials(String raw) {
    Checked<LocalDate> checked = ExportDate.check(raw);

    assertThat(checked.rule()).isEqualTo("DATE-FORMAT");
    assertThat(checked.reason()).contains("bare year");
  }

  @ParameterizedTest
  @ValueSource(strings = {"24-01-05", "24/1/5", "24.01.05", "240105", "05/01/24", "1/5/24", "24年1月5日"})
  void rejectsTwoDigitYears(String raw) {
    Checked<LocalDate> checked = ExportDate.check(raw);

    assertThat(checked.rule()).isEqualTo("DATE-FORMAT");
    assertThat(checked.reason()).contains("two-digit year");
  }

  @ParameterizedTest
  @ValueSource(strings = {"05/01/2024", "5.1.2024", "01-05-2024"})
  void rejectsDayOrMonthFirstOrders(String raw) {
    Checked<LocalDate> checked = ExportDate.check(raw);

    assertThat(checked.rule()).isEqualTo("DATE-FORMAT");
    assertThat(checked.reason()).contains("ambiguous");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-29", "2024-02-30", "2024-13-01", "2024-04-31", "20240230", "2024年2月30日", "0000-00-00", "2024/0/1"})
  void rejectsDaysThatAreNotInTheCalendar(String raw) {
    Checked<LocalDate> checked = ExportDate.check(raw);

    assertThat(checked.rule()).isEqualTo("DATE-INVALID");
    assertThat(checked.reason()).contains("not a calendar date");
  }

  @Test
  void acceptsLeapDay() {
    assertThat(ExportDate.check("2024-02-29").value()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(ExportDate.check("2000-02-29").value()).isEqualTo(LocalDate.of(2000, 2, 29));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "2024-01-05 garbage", "2024-01/05", "2024--01-05", "Jan 5 2024", "12"})
  void rejectsUnparseableText(String raw) {
    assertThat(ExportDate.check(raw).rule()).isEqualTo("DATE-FORMAT");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejectsEmpty(String raw) {
    assertThat(ExportDate.check(raw).rule()).isEqualTo("DATE-EMPTY");
    assertThat(ExportDate.check(raw, "yyyy-MM-dd").rule()).isEqualTo("DATE-EMPTY");
  }

  @Test
  void contractPatternsAreTriedInOrder() {
    assertThat(ExportDate.check("20240105", "yyyyMMdd|yyyy-MM-dd").value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("2024-01-05", "yyyyMMdd|yyyy-MM-dd").value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("05.01.2024", "dd.MM.yyyy").value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("2024年01月05日", "yyyy年MM月dd日").value()).isEqualTo(JAN_5);
  }

  @Test
  void contractPatternIgnoresTrailingTimeOrParsesTimeInPattern() {
    assertThat(ExportDate.check("2024-01-05 10:30:00", "yyyy-MM-dd").value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("2024-01-05 10:30:00", "yyyy-MM-dd HH:mm:ss").value()).isEqualTo(JAN_5);
  }

  @Test
  void contractPatternRejectsOtherFormatsListingThePatterns() {
    Checked<LocalDate> checked = ExportDate.check("2024/01/05", "yyyyMMdd|yyyy-MM-dd");

    assertThat(checked.rule()).isEqualTo("DATE-FORMAT");
    assertThat(checked.reason()).contains("yyyyMMdd | yyyy-MM-dd");
    assertThat(ExportDate.check("2024-01-05 xyz", "yyyy-MM-dd").rule()).isEqualTo("DATE-FORMAT");
  }

  @Test
  void contractPatternRejectsImpossibleDaysStrictly() {
    Checked<LocalDate> checked = ExportDate.check("2024-02-30", "yyyyMMdd|yyyy-MM-dd");

    assertThat(checked.rule()).isEqualTo("DATE-INVALID");
    assertThat(checked.reason()).contains("pattern yyyy-MM-dd");
    assertThat(ExportDate.check("2023-02-29", "yyyy-MM-dd").rule()).isEqualTo("DATE-INVALID");
  }

  @Test
  void contractPatternExcelMeansSerialDays() {
    assertThat(ExportDate.check("45292", "excel|yyyy-MM-dd").value()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(ExportDate.check("2024-01-05", "excel|yyyy-MM-dd").value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("45292", "yyyy-MM-dd").rule()).isEqualTo("DATE-FORMAT");
  }

  @Test
  void blankPatternsMeanTheBuiltInFormats() {
    assertThat(ExportDate.check("2024年1月5日", null).value()).isEqualTo(JAN_5);
    assertThat(ExportDate.check("2024年1月5日", " ").value()).isEqualTo(JAN_5);
  }

  @Test
  void contractPatternWithTwoDigitYearOrBadSyntaxIsAConfigurationError() {
    assertThatThrownBy(() -> ExportDate.check("24-01-05", "yy-MM-dd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yy-MM-dd'")
        .hasMessageContaining("four-digit year");
    assertThatThrownBy(() -> ExportDate.check("01-05", "MM-dd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("four-digit year");
    assertThatThrownBy(() -> ExportDate.check("2024-01-05", "yyyy-MM-dd{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot use date pattern 'yyyy-MM-dd{'");
  }
}
