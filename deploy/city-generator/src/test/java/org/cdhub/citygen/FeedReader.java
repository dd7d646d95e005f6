package org.cdhub.citygen;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdhub.model.contract.SourceContract;

/**
 * Reads a generated feed back the way an ingestion would, independently of the generator's
 * writers: SQL over the database, an RFC 4180 parser, POI, and Jackson over pages and lines.
 */
final class FeedReader {
  /** The columns (or keys) a feed delivers and its records as field -> raw text. */
  record Feed(List<String> columns, List<Map<String, String>> records) {}

  private FeedReader() {}

  static Feed read(Path sourcesDir, SourceContract contract, Map<String, ?> manifestEntry) {
    Path location = sourcesDir.resolve((String) manifestEntry.get("location"));
    try {
      return switch (contract.format().kind()) {
        case JDBC_TABLE -> jdbc(location, (String) manifestEntry.get("table"));
        case CSV_FILE -> csv(location, contract.format().encoding());
        case EXCEL_FILE -> excel(location);
        case JSON_API -> pages(location);
        case JSON_HTTP_PUSH -> lines(location, false);
        case JSON_MQTT -> lines(location, true);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Feed jdbc(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i));
      }
      List<Map<String, String>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.put(columns.get(i - 1), rs.getString(i));
        }
        rows.add(row);
      }
      return new Feed(columns, rows);
    }
  }

  static Feed csv(Path file, Charset charset) throws IOException {
    List<List<String>> table = parseCsv(Files.readString(file, charset));
    List<String> header = table.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> r : table.subList(1, table.size())) {
      if (r.size() != header.size()) {
        throw new IllegalStateException("Row of " + r.size() + " fields, header has " + header.size() + ": " + r);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), r.get(i).isEmpty() ? null : r.get(i));
      }
      rows.add(row);
    }
    return new Feed(header, rows);
  }

  /** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\r' || ch == '\n') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  static Feed excel(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheetAt(0);
      List<String> header = new ArrayList<>();
      for (Cell c : sheet.getRow(0)) {
        header.add(c.getStringCellValue());
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          Cell c = row.getCell(i);
          m.put(header.get(i), c == null ? null : c.getCellType() == CellType.NUMERIC ? String.valueOf(c.getNumericCellValue()) : c.getStringCellValue());
        }
        rows.add(m);
      }
      return new Feed(header, rows);
    }
  }

  static Feed pages(Path dir) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    String page = JsonPages.FIRST_PAGE;
    while (page != null) {
      JsonNode doc = Json.MAPPER.readTree(dir.resolve(page).toFile());
      for (JsonNode item : doc.get("items")) {
        rows.add(flatten(item, keys));
      }
      page = doc.get("next").isNull() ? null : doc.get("next").asText();
    }
    return new Feed(List.copyOf(keys), rows);
  }

  static Feed lines(Path file, boolean mqtt) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (mqtt) {
        Map<String, String> row = new LinkedHashMap<>();
        keys.add("topic");
        row.put("topic", node.get("topic").asText());
        row.putAll(flatten(node.get("payload"), keys));
        rows.add(row);
      } else {
        rows.add(flatten(node, keys));
      }
    }
    return new Feed(List.copyOf(keys), rows);
  }

  private static Map<String, String> flatten(JsonNode object, Set<String> keys) {
    Map<String, String> row = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      keys.add(e.getKey());
      row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
    }
    return row;
  }
}
