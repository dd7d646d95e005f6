package org.cdhub.flows.files;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdhub.flows.landing.RawRecord;

/**
 * The rows of one Excel (.xlsx) file drop: first sheet, first non-empty row as header, one
 * record per following non-empty row, every cell as text: dates as ISO yyyy-MM-dd (with the time
 * when it is not midnight), numbers in plain notation (no exponent, no trailing ".0": an ID typed
 * into a numeric cell keeps its digits as far as Excel kept them), formulas as their cached value.
 * A row with a value beyond the header's columns becomes a reject record (rule
 * {@value #RULE_COLUMNS}, its row number), quarantined downstream.
 */
public final class ExcelDrop {
  public static final String RULE_COLUMNS = "INGEST-EXCEL-COLUMNS";
  /** The file is not a readable .xlsx workbook. */
  public static final String RULE_WORKBOOK = "INGEST-EXCEL-WORKBOOK";

  private final List<RawRecord> records;
  private final int rejected;

  private ExcelDrop(List<RawRecord> records, int rejected) {
    this.records = List.copyOf(records);
    this.rejected = rejected;
  }

  public static final class BadWorkbookException extends Exception {
    public BadWorkbookException(String message) {
      super(message);
    }
  }

  public static ExcelDrop parse(byte[] bytes, String name) throws BadWorkbookException, CsvDrop.BadHeaderException {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(name, "name is null");
    if (bytes.length == 0) {
      return new ExcelDrop(List.of(), 0);
    }
    List<RawRecord> records = new ArrayList<>();
    int rejected = 0;
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      if (workbook.getNumberOfSheets() == 0) {
        return new ExcelDrop(List.of(), 0);
      }
      Sheet sheet = workbook.getSheetAt(0);
      List<String> header = null;
      for (Row row : sheet) {
        List<String> cells = cells(row);
        if (cells.stream().allMatch(c -> c == null)) {
          continue;
        }
        int line = row.getRowNum() + 1;
        if (header == null) {
          header = header(cells, name, line);
          continue;
        }
        if (cells.size() > header.size()) {
          records.add(CsvDrop.reject(RULE_COLUMNS, line, String.join("\t", cells.stream().map(c -> c == null ? "" : c).toList()),
              name + ": rule " + RULE_COLUMNS + ": row " + line + " has values in " + cells.size() + " columns, the header has "
                  + header.size()));
          rejected++;
          continue;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          fields.put(header.get(i), i < cells.size() ? cells.get(i) : null);
        }
        records.add(RawRecord.of(fields));
      }
    } catch (IOException | RuntimeException e) {
      throw new BadWorkbookException(name + ": rule " + RULE_WORKBOOK + ": not a readable .xlsx workbook: " + e.getMessage());
    }
    return new ExcelDrop(records, rejected);
  }

  public List<RawRecord> records() {
    return records;
  }

  public int rejected() {
    return rejected;
  }

  public String json() {
    return CsvDrop.json(records);
  }

  private static List<String> header(List<String> cells, String name, int line) throws CsvDrop.BadHeaderException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String c : cells) {
      String n = c == null ? "" : c.strip();
      if (n.isEmpty() || n.startsWith("_") || !seen.add(n)) {
        throw new CsvDrop.BadHeaderException(name + ": rule " + CsvDrop.RULE_HEADER + ": header row " + line + " column "
            + (names.size() + 1) + " is " + (n.isEmpty() ? "blank" : n.startsWith("_") ? "reserved (starts with _)" : "a duplicate"));
      }
      names.add(n);
    }
    return names;
  }

  /** The row's cells as text up to its last non-blank cell; blank = null. */
  private static List<String> cells(Row row) {
    List<String> out = new ArrayList<>();
    int last = -1;
    for (int i = 0; i < Math.max(row.getLastCellNum(), 0); i++) {
      String v = text(row.getCell(i));
      out.add(v);
      if (v != null) {
        last = i;
      }
    }
    return out.subList(0, last + 1);
  }

  static String text(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    String v = switch (type) {
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
      case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? date(cell.getLocalDateTimeCellValue()) : number(cell.getNumericCellValue());
      case ERROR -> "#ERROR";
      default -> null;
    };
    return v == null || v.isEmpty() ? null : v;
  }

  private static String date(LocalDateTime t) {
    return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString();
  }

  private static String number(double d) {
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
