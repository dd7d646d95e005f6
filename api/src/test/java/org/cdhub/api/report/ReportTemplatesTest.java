package org.cdhub.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTemplatesTest {
  @Test
  void bundlesOneTemplatePerKeyPopulationTheMergeJobTags() {
    ReportTemplates templates = ReportTemplates.bundled();

    // the tags gold.person carries: asserted by the civil-affairs, disabled-persons and veterans feeds, MINOR derived by merge
    assertThat(templates.all()).extracting(ReportTemplate::tag)
        .containsExactlyInAnyOrder("ELDERLY_ALONE", "DISABLED", "VETERAN", "SUBSISTENCE_ALLOWANCE", "MINOR");
    ReportTemplate elderly = templates.find("elderly-alone").orElseThrow();
    assertThat(elderly.title()).isEqualTo("独居老人台账");
    assertThat(elderly.columns().get(0).field()).isEqualTo(ReportField.MASTER_ID);
    assertThat(elderly.columns()).extracting(ReportTemplate.Column::header).contains("姓名", "身份证号");
    assertThat(templates.find("no-such-report")).isEmpty();
  }

  @Test
  void refusesAnUnknownFieldNamingFileReportAndTheAcceptedFields() {
    assertThatThrownBy(() -> parse("""
        reports:
          elderly:
            title: t
            department: d
            tag: ELDERLY_ALONE
            columns:
              - {field: salary, header: 工资}
        """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.yaml").hasMessageContaining("report elderly")
        .hasMessageContaining("unknown field salary").hasMessageContaining("idNumber");
  }

  @Test
  void refusesARepeatedColumnAMissingTagAndABadCode() {
    assertThatThrownBy(() -> parse("""
        reports:
          elderly:
            {title: t, department: d, tag: X, columns: [{field: name, header: a}, {field: name, header: b}]}
        """)).hasMessageContaining("field name appears twice");
    assertThatThrownBy(() -> parse("""
        reports:
          elderly:
            {title: t, department: d, columns: [{field: name, header: a}]}
        """)).hasMessageContaining("report elderly").hasMessageContaining("'tag' is missing");
    assertThatThrownBy(() -> parse("""
        reports:
          "../etc":
            {title: t, department: d, tag: X, columns: [{field: name, header: a}]}
        """)).hasMessageContaining("the code must match");
    assertThatThrownBy(() -> parse("reports: {}")).hasMessageContaining("non-empty map under 'reports'");
  }

  private static ReportTemplates parse(String yaml) {
    return ReportTemplates.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }
}
