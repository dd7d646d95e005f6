package org.cdhub.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.cdhub.jobs.quality.ContractCheck.Severity;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.junit.jupiter.api.Test;

/** Which checks a contract implies; no Spark needed to derive them. */
class ContractChecksTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

  static final String CONTRACT = """
      feed: small_feed
      title: t
      owner_department: o
      entity: person
      sharing: {type: unconditional}
      update_cycle: daily
      trust_rank: 50
      format: {kind: json_http_push, location: /push}
      record_id: [uid]
      fields:
        - {name: uid, format: code, required: true, max_length: 32}
        - {name: name, maps_to: name, format: chinese_name, required: true, max_length: 64}
        - {name: idno, maps_to: id_number, format: citizen_id, max_length: 24}
        - {name: born, maps_to: birth_date, format: date, pattern: "yyyyMMdd", max_length: 8}
        - {name: sex, maps_to: sex, format: code, allowed_values: ["1", "2"], max_length: 1}
        - {name: community, maps_to: community_code, format: code, pattern: "\\\\d{12}", max_length: 12}
        - {name: remark, format: text, max_length: 200}
        - {name: updated, format: date, max_length: 10}
      """;

  @Test
  void derivesOneCheckPerContractRule() {
    ContractChecks checks = ContractChecks.of(SourceContracts.parse(CONTRACT, "small_feed.yaml"), QualityThresholds.defaults(), TODAY);

    assertThat(checks.checks()).extracting(c -> c.field() + " " + c.constraint() + " " + c.severity() + " " + c.threshold())
        .containsExactly(
            "Dataset size ERROR 1.0",
            "uid completeness ERROR 0.95",
            "name completeness ERROR 0.95",
            "idno citizen ID checksum valid ERROR 0.9",
            "born plausible birth dates (1900-01-01..2026-12-06) ERROR 0.9",
            "sex allowed values compliance ERROR 0.9",
            "community pattern compliance ERROR 0.9",
            "_source_record_id uniqueness within its batch WARNING 1.0");
    // required and mapped optional fields; the unmapped remark and updated are not observed
    assertThat(checks.completenessFields()).containsExactly("uid", "name", "idno", "born", "sex", "community");
    assertThat(checks.deequChecks()).hasSize(checks.checks().size()).doesNotHaveDuplicates();
  }

  @Test
  void thresholdsComeFromTheRecord() {
    QualityThresholds strict = new QualityThresholds(0.99, 0.98, 0.97, 0.5, 0.1, 0.8, 2, 0.05, 2, 3, 50, 10, LocalDate.of(1910, 1, 1));
    List<ContractCheck> checks = ContractChecks.of(SourceContracts.parse(CONTRACT, "small_feed.yaml"), strict, TODAY).checks();
    assertThat(checks).filteredOn(c -> c.field().equals("name")).singleElement().extracting(ContractCheck::threshold).isEqualTo(0.99);
    assertThat(checks).filteredOn(c -> c.field().equals("idno")).singleElement().extracting(ContractCheck::threshold).isEqualTo(0.97);
    assertThat(checks).filteredOn(c -> c.field().equals("sex")).singleElement().extracting(ContractCheck::threshold).isEqualTo(0.98);
    assertThat(checks).filteredOn(c -> c.field().equals("born")).singleElement().extracting(ContractCheck::constraint)
        .isEqualTo("plausible birth dates (1910-01-01..2026-12-06)");
    assertThat(checks).filteredOn(c -> c.severity() == Severity.WARNING).singleElement().extracting(ContractCheck::threshold).isEqualTo(0.5);
  }

  @Test
  void malformedDatePatternNamesFeedAndField() {
    SourceContract contract = SourceContracts.parse(CONTRACT.replace("pattern: \"yyyyMMdd\"", "pattern: \"yyyyMMdd'\""), "small_feed.yaml");
    assertThatThrownBy(() -> ContractChecks.of(contract, QualityThresholds.defaults(), TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid contract small_feed: field born has a malformed date pattern");
  }

  @Test
  void failureMessagesNameFeedFieldConstraintValueAndThreshold() {
    ContractChecks checks = ContractChecks.of(SourceContracts.parse(CONTRACT, "small_feed.yaml"), QualityThresholds.defaults(), TODAY);
    ContractCheck name = checks.find("name", "completeness").orElseThrow();
    assertThat(name.failure("small_feed", 0.58)).isEqualTo("small_feed: field name completeness 0.58 below 0.95 (error)");
    assertThat(name.failure("small_feed", 0.94999)).isEqualTo("small_feed: field name completeness 0.9499 below 0.95 (error)");
    ContractCheck size = checks.find(ContractChecks.DATASET, "size").orElseThrow();
    assertThat(size.failure("small_feed", 0)).isEqualTo("small_feed: dataset size 0 below 1 (error)");
  }

  @Test
  void sqlLiteralsAndNamesAreEscaped() {
    assertThat(ContractChecks.sqlString("\\d{12}'x")).isEqualTo("'\\\\d{12}\\'x'");
    assertThat(ContractChecks.q("a`b")).isEqualTo("`a``b`");
  }
}
