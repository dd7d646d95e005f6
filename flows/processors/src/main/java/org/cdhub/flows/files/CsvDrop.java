package org.cdhub.flows.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.RawRecord;

/**
 * The rows of one decoded CSV file drop: header row first (names as the source wrote them), then
 * one record per row, every cell as text (empty cell = no value). A row that cannot be read as
 * the header says (wrong column count, an unterminated quote) is kept as a reject record
 * ({@link IngestRules#REJECT_RULE} and friends) with its rule, line number and raw text, so
 * LandBronzeRecords quarantines it and counts it: nothing is lost.
 */
public final class CsvDrop {
  /** A row's column count differs from the header's. */
  public static final String RULE_COLUMNS = "INGEST-CSV-COLUMNS";
  /** A quoted cell is never closed: the rest of the file is one broken row. */
  public static final String RULE_QUOTE = "INGEST-CSV-QUOTE";
  /** The header row is unusable (blank, duplicate or reserved column names). */
  public static final String RULE_HEADER = "INGEST-CSV-HEADER";
  /** Raw text kept for a reject, at most this many characters. */
  static final int MAX_RAW_CHARS = 4096;

  private final List<RawRecord> records;
  private final int rejected;

  private CsvDrop(List<RawRecord> records, int rejected) {
    this.records = List.copyOf(records);
    this.rejected = rejected;
  }

  /** A header problem: the whole file is refused. */
  public static final class BadHeaderException extends Exception {
    public BadHeaderException(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @param name what to call the file in messages (feed and file name)
   */
  public static CsvDrop parse(String text, String name) throws BadHeaderException {
    List<RawRecord> records = new ArrayList<>();
    int rejected = stream(text, name, records::add);
    return new CsvDrop(records, rejected);
  }

  /**
   * Parses {@code text}, handing each record (rejects included) to {@code sink} in file order
   * without holding them: a million-row export is never a million records in memory at once.
   *
   * @return how many of the records handed on were rejects
   */
  public static int stream(String text, String name, java.util.function.Consumer<RawRecord> sink) throws BadHeaderException {
    requireNonNull(text, "text is null");
    requireNonNull(name, "name is null");
    requireNonNull(sink, "sink is null");
    java.util.function.Consumer<RawRecord> records = sink;
    int rejected = 0;
    LineIndex lines = new LineIndex(text);
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      var it = parser.iterator();
      List<String> header = null;
      int nextLine = 1; // where the next row starts: what an unterminated quote reports
      while (true) {
        CSVRecord row;
        try {
          if (!it.hasNext()) {
            break;
          }
          row = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          // commons-csv cannot go on after an unterminated quote: keep the rest as one reject
          int line = nextLine;
          records.accept(reject(RULE_QUOTE, line, text.substring(lines.startOf(line)),
              name + ": rule " + RULE_QUOTE + ": line " + line + " opens a quoted cell that is never closed ("
                  + e.getMessage() + ")"));
          rejected++;
          break;
        }
        long start = row.getCharacterPosition();
        if (header == null) {
          header = header(row, name);
          nextLine = (int) parser.getCurrentLineNumber() + 1;
          continue;
        }
        nextLine = (int) parser.getCurrentLineNumber() + 1;
        int line = lines.lineOf(start);
        if (row.size() != header.size()) {
          String raw = rawText(text, start);
          records.accept(reject(RULE_COLUMNS, line, raw, name + ": rule " + RULE_COLUMNS + ": line " + line + " has "
              + row.size() + " columns, the header has " + header.size()));
          rejected++;
          continue;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          String v = row.get(i);
          fields.put(header.get(i), v.isEmpty() ? null : v);
        }
        records.accept(RawRecord.of(fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail
    }
    return rejected;
  }

  /** Every record, admitted rows and rejects, in file order. */
  public List<RawRecord> records() {
    return records;
  }

  /** How many of {@link #records()} are rejects. */
  public int rejected() {
    return rejected;
  }

  /** The records as a JSON array (each a canonical JSON object), what LandBronzeRecords' reader takes. */
  public String json() {
    return json(records);
  }

  static String json(List<RawRecord> records) {
    StringBuilder out = new StringBuilder(records.size() * 128 + 2);
    out.append('[');
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.append(",\n");
      }
      out.append(records.get(i).canonicalJson());
    }
    return out.append(']').toString();
  }

  private static List<String> header(CSVRecord row, String name) throws BadHeaderException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : row) {
      String n = raw.strip();
      if (n.isEmpty() || n.startsWith("_") || !seen.add(n)) {
        throw new BadHeaderException(name + ": rule " + RULE_HEADER + ": header column " + (names.size() + 1)
            + " is " + (n.isEmpty() ? "blank" : n.startsWith("_") ? "reserved (starts with _)" : "a duplicate")
            + "; header: " + Arrays.toString(row.values()));
      }
      names.add(n);
    }
    return names;
  }

  static RawRecord reject(String rule, int line, String raw, String reason) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(IngestRules.REJECT_RULE, rule);
    fields.put(IngestRules.REJECT_LINE, Integer.toString(line));
    fields.put(IngestRules.REJECT_REASON, reason);
    fields.put(IngestRules.REJECT_RAW, raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw);
    return RawRecord.of(fields);
  }

  /** The row's raw text, up to its line end (enough to find and fix it in the source). */
  private static String rawText(String text, long start) {
    int s = (int) start;
    int end = text.indexOf('\n', s);
    String raw = text.substring(s, end < 0 ? text.length() : end);
    return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
  }

  /** Character offset to 1-based line number. */
  private static final class LineIndex {
    private final int[] starts;

    LineIndex(String text) {
      List<Integer> s = new ArrayList<>();
      s.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          s.add(i + 1);
        }
      }
      starts = s.stream().mapToInt(Integer::intValue).toArray();
    }

    int startOf(int line) {
      return line - 1 < starts.length ? starts[line - 1] : starts[starts.length - 1];
    }

    int lineOf(long offset) {
      int i = Arrays.binarySearch(starts, (int) offset);
      return i >= 0 ? i + 1 : -i - 1;
    }
  }
}
