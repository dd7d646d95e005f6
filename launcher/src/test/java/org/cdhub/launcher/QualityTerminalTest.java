package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.launcher.QualityReportTest.run;

import java.util.List;
import java.util.Map;
import org.cdhub.launcher.QualityReport.RuleCount;
import org.cdhub.model.ops.QualityRun.Status;
import org.junit.jupiter.api.Test;

class QualityTerminalTest {

  private static QualityReport hrReport() {
    return QualityReport.of(
        List.of(run("hr_household", "hr-1", 1, 100, 90, 10, Status.PUBLISHED, List.of(), List.of()),
            run("hr_household", "hr-2", 2, 200, 150, 50, Status.PUBLISHED, List.of(), List.of()),
            run("hr_household", "hr-3", 3, 400, 360, 40, Status.PUBLISHED, List.of("Uniqueness of id_number is 0.98"),
                List.of("Size grew 100% against the last run"))),
        List.of(QualityReportTest.completeness("hr_household", "hr-3", 3, "name", 0.95),
            QualityReportTest.completeness("hr_household", "hr-3", 3, "phone", 0.5),
            QualityReportTest.completeness("hr_household", "hr-2", 2, "address", 0.1)),
        Map.of("hr_household", List.of(new RuleCount("STANDARDIZE", "ID-CHECKSUM", 30, "check digit does not match"),
            new RuleCount("INGEST", "CSV-PARSE", 12, "unterminated quote"))),
        10, null);
  }

  @Test
  void printsTheLatestRunRulesTrendWithSparklinesAndTheLatestFailuresAndAnomalies() {
    String out = QualityTerminal.render(hrReport());

    assertThat(out).contains("hr_household (person)")
        .contains("latest run hr-3 PUBLISHED")
        .contains("rows in 400, silver 360, quarantined 40 (10.0%)")
        .containsPattern("STANDARDIZE +ID-CHECKSUM +30 +e\\.g\\. check digit does not match")
        .containsPattern("INGEST +CSV-PARSE +12")
        .contains("Uniqueness of id_number is 0.98")
        .contains("Size grew 100% against the last run")
        .doesNotContain("REFUSED");
    // rows in 100, 200, 400 from lowest to highest; shares 10%, 25%, 10%
    assertThat(out).containsPattern("rows in +▁▃█ +100 200 400");
    assertThat(out).containsPattern("quarantined +▁█▁ +10\\.0% 25\\.0% 10\\.0%");
    assertThat(out.indexOf("ID-CHECKSUM")).isLessThan(out.indexOf("CSV-PARSE"));
    // address was not measured in the latest run
    assertThat(out).contains("completeness of the latest run, lowest first: phone 50.0%, name 95.0%\n");
  }

  @Test
  void listsTheTopRulesAndSumsTheRest() {
    List<RuleCount> rules = new java.util.ArrayList<>();
    for (int i = 1; i <= QualityTerminal.TOP_RULES + 2; i++) {
      rules.add(new RuleCount("STANDARDIZE", "RULE-" + i, 100 - i, "reason " + i));
    }
    QualityReport report = QualityReport.of(List.of(run("f_feed", "f-1", 1, 2000, 1000, 1000, Status.PUBLISHED, List.of(), List.of())),
        List.of(), Map.of("f_feed", rules), 10, null);
    String out = QualityTerminal.render(report);

    assertThat(out).contains("RULE-10").doesNotContain("RULE-11 ").doesNotContain("RULE-12 ")
        .contains("... 2 more rules, " + ((100 - 11) + (100 - 12)) + " rows");
  }

  @Test
  void aRefusedLatestRunIsSaidPlainly() {
    QualityReport report = QualityReport.of(
        List.of(run("ca_elderly", "ca-1", 1, 80, 0, 0, Status.REFUSED, List.of("Completeness of id_number is 0.40"), List.of())),
        List.of(), Map.of(), 10, null);
    String out = QualityTerminal.render(report);

    assertThat(out).contains("ca-1 REFUSED").contains("nothing published").contains("- Completeness of id_number is 0.40")
        .contains("quarantine: no rows in silver.quarantine").contains("The latest run of at least one feed was REFUSED");
  }

  @Test
  void controlCharactersFromTheDataAreShownNotObeyed() {
    QualityReport report = QualityReport.of(
        List.of(run("hr_household", "hr-1", 1, 10, 9, 1, Status.PUBLISHED, List.of("bad\u001B[2J\nFAKE LINE"), List.of())),
        List.of(), Map.of("hr_household", List.of(new RuleCount("STANDARDIZE", "R\u0007", 1, "姓名\r含有\u001B[31m"))), 10, null);
    String out = QualityTerminal.render(report);

    assertThat(out).doesNotContain("\u001B").doesNotContain("\u0007").doesNotContain("\r")
        .contains("bad\\u001B[2J\\u000AFAKE LINE").contains("R\\u0007").contains("姓名\\u000D含有");
  }

  @Test
  void saysSoWhenNothingWasRecordedOrTheFeedIsUnknown() {
    assertThat(QualityTerminal.render(QualityReport.of(List.of(), List.of(), Map.of(), 10, null)))
        .startsWith("No standardize runs recorded yet in ops.quality_run");
    assertThat(QualityTerminal.render(QualityReport.of(List.of(), List.of(), Map.of(), 10, "no_such_feed")))
        .contains("for feed no_such_feed");
  }
}
