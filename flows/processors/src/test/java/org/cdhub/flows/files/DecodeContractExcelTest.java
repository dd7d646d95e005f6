package org.cdhub.flows.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.junit.jupiter.api.Test;

class DecodeContractExcelTest {
  private static final String FEED = "ca_subsistence";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsTheFirstSheetWithDatesAsIsoAndNumbersInPlainNotation() throws Exception {
    byte[] xlsx;
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      Sheet sheet = wb.createSheet("低保");
      Row h = sheet.createRow(0);
      String[] header = {"jzbh", "xm", "sfzh", "rzrq", "je"};
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row r1 = sheet.createRow(1);
      r1.createCell(0).setCellValue("J001");
      r1.createCell(1).setCellValue("王秀英");
      r1.createCell(2).setCellValue(640104195001011234d); // an ID typed into a numeric cell
      r1.createCell(3).setCellValue(LocalDate.of(2024, 3, 5));
      r1.getCell(3).setCellStyle(dateStyle);
      r1.createCell(4).setCellValue(512.5);
      sheet.createRow(2); // blank row: skipped
      Row r3 = sheet.createRow(3);
      r3.createCell(0).setCellValue("J002");
      r3.createCell(4).setCellValue(600);
      Row r4 = sheet.createRow(4);
      r4.createCell(0).setCellValue("J003");
      r4.createCell(6).setCellValue("表外备注"); // beyond the header
      wb.createSheet("second").createRow(0).createCell(0).setCellValue("ignored");
      wb.write(out);
      xlsx = out.toByteArray();
    }
    MockFlowFile out = decode(xlsx, DecodeContractExcel.REL_SUCCESS);
    List<Map<String, String>> records = JSON.readValue(out.toByteArray(), new TypeReference<List<Map<String, String>>>() {});
    assertThat(records).hasSize(3);
    assertThat(records.get(0)).isEqualTo(row("jzbh", "J001", "xm", "王秀英", "sfzh", "640104195001011200", "rzrq", "2024-03-05", "je", "512.5"));
    assertThat(records.get(1)).isEqualTo(row("jzbh", "J002", "xm", null, "sfzh", null, "rzrq", null, "je", "600"));
    assertThat(records.get(2)).containsEntry(IngestRules.REJECT_RULE, ExcelDrop.RULE_COLUMNS).containsEntry(IngestRules.REJECT_LINE, "5");
    out.assertAttributeEquals(DecodeContractExcel.ATTR_RECORD_COUNT, "3");
    out.assertAttributeEquals(DecodeContractExcel.ATTR_REJECTED, "1");
  }

  @Test
  void anEmptyFileYieldsNoRecordsAndACsvPosingAsXlsxFails() throws Exception {
    assertThat(decode(new byte[0], DecodeContractExcel.REL_SUCCESS).getContent()).isEqualTo("[]");
    MockFlowFile failed = decode("jzbh,xm\nJ001,王\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), DecodeContractExcel.REL_FAILURE);
    assertThat(failed.getAttribute(LandBronzeRecords.ATTR_FAILURE_REASON)).contains(ExcelDrop.RULE_WORKBOOK, "feed ca_subsistence", "file drop.xlsx");
  }

  private static MockFlowFile decode(byte[] content, org.apache.nifi.processor.Relationship expected) {
    TestRunner runner = TestRunners.newTestRunner(DecodeContractExcel.class);
    runner.setProperty(DecodeContractExcel.FEED, FEED);
    runner.assertValid();
    runner.enqueue(content, Map.of("filename", "drop.xlsx"));
    runner.run();
    runner.assertAllFlowFilesTransferred(expected, 1);
    return runner.getFlowFilesForRelationship(expected).get(0);
  }

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
