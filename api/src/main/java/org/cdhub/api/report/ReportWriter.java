package org.cdhub.api.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.cdhub.api.returndata.MaskedPerson;

/** Writes a report's rows as a file: a header row of the template's headers, one row per person. */
final class ReportWriter {
  /** Rows SXSSF keeps in memory before flushing to its temporary file. */
  private static final int XLSX_WINDOW = 200;

  private ReportWriter() {}

  static byte[] write(ReportTemplate template, List<MaskedPerson> persons, ReportFormat format) {
    return switch (format) {
      case CSV -> csv(template, persons);
      case XLSX -> xlsx(template, persons);
    };
  }

  private static byte[] csv(ReportTemplate template, List<MaskedPerson> persons) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
      w.write('\uFEFF');
      csv.printRecord(template.columns().stream().map(ReportTemplate.Column::header).toList());
      for (MaskedPerson p : persons) {
        csv.printRecord(template.columns().stream().map(c -> inertInSpreadsheets(c.field().valueOf(p))).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report " + template.code() + " as CSV", e);
    }
    return out.toByteArray();
  }

  private static byte[] xlsx(ReportTemplate template, List<MaskedPerson> persons) {
    // every cell is written as a string, so a value that looks like a formula stays text
    try (SXSSFWorkbook book = new SXSSFWorkbook(XLSX_WINDOW)) {
      Sheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(template.title()));
      Row header = sheet.createRow(0);
      for (int c = 0; c < template.columns().size(); c++) {
        header.createCell(c).setCellValue(template.columns().get(c).header());
      }
      int r = 1;
      for (MaskedPerson p : persons) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < template.columns().size(); c++) {
          Cell cell = row.createCell(c);
          cell.setCellValue(template.columns().get(c).field().valueOf(p));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      book.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report " + template.code() + " as Excel", e);
    }
  }

  /**
   * A CSV cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return
   * first) gets a leading apostrophe: a hostile name must not become a formula on the
   * receiving department's desk (CSV injection).
   */
  static String inertInSpreadsheets(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
  }
}
