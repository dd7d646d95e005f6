package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.launcher.QualityReportTest.completeness;
import static org.cdhub.launcher.QualityReportTest.run;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.cdhub.launcher.QualityReport.RuleCount;
import org.cdhub.model.ops.QualityRun.Status;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class QualityHtmlTest {
  private static final Instant NOW = Instant.parse("2026-12-06T07:00:00Z");
  private static final String HOSTILE = "<script>alert(\"x\")</script>' onload='steal()' &amp; \u0000\u001B[31m";

  private static QualityReport report() {
    return QualityReport.of(
        List.of(run("hr_household", "hr-1", 1, 100, 90, 10, Status.PUBLISHED, List.of(), List.of()),
            run("hr_household", "hr-2", 2, 200, 150, 50, Status.PUBLISHED, List.of(), List.of()),
            run("hr_household", "hr-3", 3, 400, 360, 40, Status.PUBLISHED, List.of(), List.of("Size grew 100%")),
            run("ca_elderly", "ca-1", 2, 80, 0, 0, Status.REFUSED, List.of("Completeness of id_number is 0.40 " + HOSTILE), List.of())),
        List.of(completeness("hr_household", "hr-1", 1, "name", 1.0),
            completeness("hr_household", "hr-2", 2, "name", 0.9),
            completeness("hr_household", "hr-3", 3, "name", 0.95),
            completeness("hr_household", "hr-3", 3, "phone", 0.5)),
        Map.of("hr_household", List.of(new RuleCount("STANDARDIZE", "ID-CHECKSUM", 30, "身份证号码校验位不符"),
                new RuleCount("INGEST", "CSV-PARSE", 12, "unterminated quote"),
                new RuleCount("STANDARDIZE", HOSTILE, 3, HOSTILE))),
        10, null);
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static NodeList nodes(Document doc, String xpath) throws Exception {
    return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
  }

  /** The n-th feed section (1-based, feeds in name order) */
  private static String section(int n) {
    return "//*[local-name()='section'][" + n + "]";
  }

  @Test
  void isOneWellFormedSelfContainedFileWithoutScriptsOrRemoteResources() throws Exception {
    String html = QualityHtml.render(report(), NOW);
    Document doc = parse(html);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\"/>");
    assertThat(nodes(doc, "//*[local-name()='script']").getLength()).isZero();
    assertThat(nodes(doc, "//*[local-name()='link' or local-name()='img' or local-name()='iframe']").getLength()).isZero();
    assertThat(html).doesNotContain("http://www.example").doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(nodes(doc, "//*[local-name()='style']").getLength()).isEqualTo(1);
  }

  @Test
  void summarizesEveryFeedWithItsLatestRun() throws Exception {
    Document doc = parse(QualityHtml.render(report(), NOW));
    NodeList rows = nodes(doc, "//*[local-name()='table' and @class='summary']/*[local-name()='tbody']/*[local-name()='tr']");

    assertThat(rows.getLength()).isEqualTo(2);
    assertThat(rows.item(0).getTextContent()).contains("ca_elderly").contains("REFUSED").contains("80");
    assertThat(rows.item(1).getTextContent()).contains("hr_household").contains("PUBLISHED").contains("400").contains("360")
        .contains("10.0%");
  }

  @Test
  void drawsOneBarPerRuleAndOnePointPerRunInEachLine() throws Exception {
    Document doc = parse(QualityHtml.render(report(), NOW));
    String hr = section(2);

    NodeList bars = nodes(doc, hr + "//*[local-name()='svg' and contains(@class,'rules')]//*[local-name()='rect' and @class='bar']");
    assertThat(bars.getLength()).isEqualTo(3);
    // bars longest first, scaled to the largest count
    double first = Double.parseDouble(bars.item(0).getAttributes().getNamedItem("width").getNodeValue());
    double second = Double.parseDouble(bars.item(1).getAttributes().getNamedItem("width").getNodeValue());
    assertThat(second / first).isCloseTo(12.0 / 30, org.assertj.core.api.Assertions.within(0.01));

    String runsChart = hr + "//*[local-name()='svg' and contains(@class,'runs')]";
    NodeList series = nodes(doc, runsChart + "/*[local-name()='g' and @class='series']");
    assertThat(series.getLength()).isEqualTo(3); // rows in, silver, quarantined
    for (int s = 1; s <= 3; s++) {
      assertThat(nodes(doc, runsChart + "/*[local-name()='g'][" + s + "]/*[local-name()='circle']").getLength()).isEqualTo(3);
    }
    // the first point of "rows in" is run hr-1, the oldest
    assertThat(nodes(doc, runsChart + "/*[local-name()='g'][1]/*[local-name()='circle'][1]").item(0).getTextContent())
        .contains("hr-1").contains("100");

    String completenessChart = hr + "//*[local-name()='svg' and contains(@class,'completeness')]";
    assertThat(nodes(doc, completenessChart + "/*[local-name()='g'][1]/*[local-name()='circle']").getLength()).isEqualTo(3);
    // phone was measured in the latest run only
    assertThat(nodes(doc, completenessChart + "/*[local-name()='g'][2]/*[local-name()='circle']").getLength()).isEqualTo(1);
  }

  @Test
  void aFeedWithOneRunAndNoQuarantineStillRenders() throws Exception {
    Document doc = parse(QualityHtml.render(report(), NOW));
    String ca = section(1);

    assertThat(nodes(doc, ca + "//*[local-name()='rect' and @class='bar']").getLength()).isZero();
    assertThat(nodes(doc, ca + "//*[local-name()='svg' and contains(@class,'runs')]/*[local-name()='g'][1]/*[local-name()='circle']")
        .getLength()).isEqualTo(1);
    assertThat(nodes(doc, ca).item(0).getTextContent()).contains("No rows of this feed in silver.quarantine")
        .contains("Completeness of id_number is 0.40");
  }

  @Test
  void escapesHostileTextFromTheDataAndKeepsChineseText() throws Exception {
    String html = QualityHtml.render(report(), NOW);
    Document doc = parse(html); // a control character or a stray quote would break parsing

    assertThat(html).doesNotContain("<script>").doesNotContain("onload='steal()'").doesNotContain("\u0000")
        .doesNotContain("\u001B").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;steal()&#39; &amp;amp;")
        .contains("身份证号码校验位不符");
    assertThat(nodes(doc, "//*[local-name()='script']").getLength()).isZero();
    assertThat(nodes(doc, "//@*[starts-with(name(), 'on')]").getLength()).isZero();
    // the hostile rule survives as text
    assertThat(nodes(doc, "//*[local-name()='table' and @class='rules']").item(0).getTextContent())
        .contains("<script>alert(\"x\")</script>");
  }

  @Test
  void escapeLeavesNoMarkupCharacterAndNoControlCharacter() {
    assertThat(QualityHtml.escape("a<b>&\"'\u0001\uD800z")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;\uFFFD\uFFFDz");
    assertThat(QualityHtml.escape("姓名 😀")).isEqualTo("姓名 😀");
    assertThat(QualityHtml.escape(null)).isEmpty();
  }

  @Test
  void anEmptyReportSaysSo() throws Exception {
    Document doc = parse(QualityHtml.render(QualityReport.of(List.of(), List.of(), Map.of(), 10, null), NOW));
    assertThat(doc.getDocumentElement().getTextContent()).contains("No standardize runs recorded yet");
  }

  @Test
  void axisMaximaAreRound() {
    assertThat(QualityHtml.niceMax(400)).isEqualTo(500);
    assertThat(QualityHtml.niceMax(1000)).isEqualTo(1000);
    assertThat(QualityHtml.niceMax(1001)).isEqualTo(2000);
    assertThat(QualityHtml.niceMax(0)).isEqualTo(1);
  }
}
