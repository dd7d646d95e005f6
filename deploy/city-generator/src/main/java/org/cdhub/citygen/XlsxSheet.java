package org.cdhub.citygen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A one-sheet .xlsx roster, streamed (POI SXSSF keeps a small window of rows in memory).
 * Cells are typed as a clerk's Excel has them: text, numbers, and real date cells. The file is
 * made byte-reproducible: fixed document dates and fixed zip entry times.
 */
final class XlsxSheet implements AutoCloseable {
  /** When every generated workbook says it was created and saved. */
  static final LocalDateTime DOCUMENT_TIME = LocalDateTime.of(2025, 12, 31, 17, 30);

  private final Path path;
  private final SXSSFWorkbook workbook;
  private final SXSSFSheet sheet;
  private final CellStyle dateStyle;
  private final int width;
  private int next;

  XlsxSheet(Path path, String sheetName, String author, List<String> header) {
    this.path = path;
    this.width = header.size();
    this.workbook = new SXSSFWorkbook(200);
    this.sheet = workbook.createSheet(sheetName);
    this.dateStyle = workbook.createCellStyle();
    dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
    var core = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
    Date fixed = Date.from(DOCUMENT_TIME.toInstant(ZoneOffset.ofHours(8)));
    core.setCreated(Optional.of(fixed));
    core.setModified(Optional.of(fixed));
    core.setCreator(author);
    Row row = sheet.createRow(next++);
    for (int i = 0; i < header.size(); i++) {
      row.createCell(i).setCellValue(header.get(i));
    }
  }

  /**
   * One row: String (text cell), Number (numeric cell), LocalDate (date cell) or null (no cell:
   * Excel has no empty-string cells for blanks).
   */
  void row(Object... values) {
    if (values.length != width) {
      throw new IllegalArgumentException("Cannot write row " + next + " of " + path + ": expected " + width + " values, got " + values.length);
    }
    Row row = sheet.createRow(next++);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        continue;
      }
      var cell = row.createCell(i);
      if (v instanceof Number n) {
        cell.setCellValue(n.doubleValue());
      } else if (v instanceof LocalDate d) {
        cell.setCellValue(d);
        cell.setCellStyle(dateStyle);
      } else {
        cell.setCellValue(v.toString());
      }
    }
  }

  long rows() {
    return next - 1L;
  }

  @Override
  public void close() {
    Path raw = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Files.createDirectories(path.getParent());
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw))) {
        workbook.write(out);
      }
      workbook.close();
      reproducibleZip(raw, path);
      Files.delete(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write workbook " + path, e);
    }
  }

  /** Rewrites a zip with every entry dated {@link #DOCUMENT_TIME}: same content, same bytes. */
  private static void reproducibleZip(Path from, Path to) throws IOException {
    // ZipFile reads the central directory: POI's streamed entries carry sizes ZipInputStream rejects.
    try (ZipFile zip = new ZipFile(from.toFile());
         ZipOutputStream zout = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(to)))) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTimeLocal(DOCUMENT_TIME);
        zout.putNextEntry(copy);
        try (InputStream in = zip.getInputStream(entry)) {
          in.transferTo(zout);
        }
        zout.closeEntry();
      }
    }
  }
}
