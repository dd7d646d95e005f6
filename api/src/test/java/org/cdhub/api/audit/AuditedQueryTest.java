package org.cdhub.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuditedQueryTest {
  static final String PERSONS = "/api/v1/communities/640106001001/persons";

  @Test
  void keepsMethodPathAndPagingAndFormatParameters() {
    assertThat(AuditedQuery.of("GET", PERSONS, "limit=50&cursor=bmV4dA").text())
        .isEqualTo("GET " + PERSONS + "?limit=50&cursor=bmV4dA");
    assertThat(AuditedQuery.of("GET", PERSONS, null).text()).isEqualTo("GET " + PERSONS);
    assertThat(AuditedQuery.of("GET", "/api/v1/communities/640106001001/reports/minors", "format=xlsx").text())
        .isEqualTo("GET /api/v1/communities/640106001001/reports/minors?format=xlsx");
  }

  @Test
  void keepsTheListFiltersWhichHoldNoPersonalData() {
    assertThat(AuditedQuery.of("GET", PERSONS,
        "tag=ELDERLY_ALONE&tag=VETERAN&ageBand=90%2B&building=L-3F2A9C&grid=64010600100101&limit=5").text())
        .isEqualTo("GET " + PERSONS + "?tag=ELDERLY_ALONE&tag=VETERAN&ageBand=90+&building=L-3F2A9C"
            + "&grid=64010600100101&limit=5");
    assertThat(AuditedQuery.of("GET", "/api/v1/communities/640106001001/events",
        "from=2026-10-01T00:00:00Z&until=2026-10-02T00:00:00Z&kind=HOUSE").text())
        .isEqualTo("GET /api/v1/communities/640106001001/events?from=2026-10-01T00:00:00Z&until=2026-10-02T00:00:00Z"
            + "&kind=HOUSE");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "idNumber=11010519491231002X | idNumber=***",
      "phone=13812345678&limit=5   | phone=***&limit=5",
      "q=%E5%BC%A0%E4%B8%89        | q=***",
      "flag&limit=5                | flag&limit=5"})
  void dropsTheValuesOfEveryOtherParameter(String raw, String audited) {
    assertThat(AuditedQuery.of("GET", PERSONS, raw).text()).isEqualTo("GET " + PERSONS + "?" + audited);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/v1/persons/by-id/11010519491231002X   | /api/v1/persons/by-id/**************002X",
      "/api/v1/persons/by-id/%3110105194912310021 | /api/v1/persons/by-id/**************0021",
      "/api/v1/persons/by-id/110105491231002      | /api/v1/persons/by-id/***********1002",
      "/api/v1/persons/by-phone/13812345678       | /api/v1/persons/by-phone/138****5678",
      "/api/v1/persons/by-phone/+8613812345678    | /api/v1/persons/by-phone/138****5678"})
  void masksIdAndPhoneNumbersInThePath(String path, String audited) {
    assertThat(AuditedQuery.of("GET", path, null).text()).isEqualTo("GET " + audited);
  }

  @Test
  void masksNumbersHiddenInAKeptParameterAndKeepsCommunityCodes() {
    assertThat(AuditedQuery.of("GET", PERSONS, "limit=13812345678&cursor=110105194912310021").text())
        .isEqualTo("GET " + PERSONS + "?limit=138****5678&cursor=**************0021")
        .contains("640106001001");
  }

  @Test
  void replacesControlCharactersAndCutsHugeRequests() {
    assertThat(AuditedQuery.of("GET", PERSONS, "limit=5%0D%0Aforged-line").text())
        .isEqualTo("GET " + PERSONS + "?limit=5??forged-line");
    String huge = AuditedQuery.of("GET", PERSONS, "cursor=" + "a".repeat(10_000)).text();
    assertThat(huge).hasSize(AuditedQuery.MAX_LENGTH).endsWith("…");
  }

  @Test
  void keepsAMalformedEscapeAsSent() {
    assertThat(AuditedQuery.of("GET", PERSONS, "limit=%zz").text()).isEqualTo("GET " + PERSONS + "?limit=%zz");
  }
}
