package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;

/**
 * The source contract applied at the edge: the checks a record must pass to enter bronze, in
 * this order: the record is no bigger than {@code max_record_bytes}; every record-id field has a
 * value; every required field has a value; every contract field holds a single value, not a
 * JSON object or array (type); no value holds text that cannot be stored faithfully (encoding:
 * unpaired surrogates, or U+FFFD left by a decoder that met bytes invalid in the declared
 * encoding). Domain formats (ID checksums, dates, phones) are not checked here: bronze keeps rows
 * as delivered and silver standardizes them with the kernel.
 */
public final class IngestRules {
  /** Stage name written to quarantine for rows rejected at the door. */
  public static final String STAGE = "INGEST";
  /** A record-id field of the contract is absent or blank. */
  public static final String RULE_RECORD_ID = "INGEST-RECORD-ID";
  /** The record is larger than the contract's max_record_bytes. */
  public static final String RULE_RECORD_SIZE = "INGEST-RECORD-SIZE";
  /** A field the contract marks required is absent or blank. */
  public static final String RULE_REQUIRED = "INGEST-REQUIRED";
  /** A contract field arrived as a JSON object or array; contract fields hold single values. */
  public static final String RULE_TYPE = "INGEST-TYPE";
  /** A value holds an unpaired surrogate or the replacement character U+FFFD. */
  public static final String RULE_ENCODING = "INGEST-ENCODING";
  /**
   * Reserved fields of a reject record: a decoding processor upstream (e.g. DecodeContractCsv)
   * could not read a row as the source's header says and hands it on as such a record, so it is
   * quarantined and counted here with its own rule, not lost. Source fields never start with "_"
   * (the decoders refuse such headers), so no source row can pose as one.
   */
  public static final String REJECT_RULE = "_ingest_rule";
  public static final String REJECT_LINE = "_ingest_line";
  public static final String REJECT_REASON = "_ingest_reason";
  public static final String REJECT_RAW = "_ingest_raw";
  /** Joins the values of a compound record id. */
  public static final String RECORD_ID_SEPARATOR = "|";

  private final SourceContract contract;

  public IngestRules(SourceContract contract) {
    this.contract = requireNonNull(contract, "contract is null");
  }

  public SourceContract contract() {
    return contract;
  }

  /** What happens to one record at the door. */
  public sealed interface Verdict permits Admitted, Rejected {}

  /** The record lands in bronze under this source record id. */
  public record Admitted(String recordId) implements Verdict {
    public Admitted {
      requireNonNull(recordId, "recordId is null");
    }
  }

  /**
   * The record goes to quarantine.
   *
   * @param recordId the record id when one could be read, else null
   * @param rule rule code, e.g. {@link #RULE_RECORD_ID}
   * @param field field that broke the rule
   * @param reason what was wrong, naming feed, field and rule, without the value
   * @param valueMasked a value-free description of the offending value
   */
  public record Rejected(String recordId, String rule, String field, String reason, String valueMasked)
      implements Verdict {
    public Rejected {
      requireNonNull(rule, "rule is null");
      requireNonNull(reason, "reason is null");
    }
  }

  public Verdict check(RawRecord record) {
    requireNonNull(record, "record is null");
    String rejectRule = record.value(REJECT_RULE);
    if (rejectRule != null) {
      String line = record.value(REJECT_LINE);
      return new Rejected(null, rejectRule, line == null ? null : "line " + line,
          "Cannot land record of feed " + contract.feed() + ": " + record.value(REJECT_REASON),
          "[" + utf8Length(record.value(REJECT_RAW)) + " bytes]");
    }
    List<String> idParts = new ArrayList<>();
    String missing = null;
    for (String idField : contract.recordId()) {
      String v = record.value(idField);
      if (v == null || v.isBlank()) {
        missing = missing == null ? idField : missing;
      } else {
        idParts.add(v.strip());
      }
    }
    String recordId = missing == null ? String.join(RECORD_ID_SEPARATOR, idParts) : null;
    int size = record.sizeBytes();
    int limit = contract.format().maxRecordBytes();
    if (size > limit) {
      String largest = largestField(record);
      return new Rejected(recordId, RULE_RECORD_SIZE, largest,
          "Cannot land record " + (recordId == null ? "(no id)" : recordId) + " of feed " + contract.feed()
              + ": rule " + RULE_RECORD_SIZE + " allows " + limit + " bytes (max_record_bytes), the record has " + size
              + "; largest field " + largest,
          "[" + utf8Length(record.value(largest)) + " bytes]");
    }
    if (missing != null) {
      return new Rejected(null, RULE_RECORD_ID, missing,
          "Cannot land record of feed " + contract.feed() + ": rule " + RULE_RECORD_ID + " requires record-id field "
              + missing + ", which is " + (record.fields().containsKey(missing) ? "empty" : "absent"),
          null);
    }
    for (FieldSpec field : contract.fields()) {
      String v = record.value(field.name());
      if (field.required() && (v == null || v.isBlank())) {
        return new Rejected(recordId, RULE_REQUIRED, field.name(),
            "Cannot land record " + recordId + " of feed " + contract.feed() + ": rule " + RULE_REQUIRED
                + " requires field " + field.name() + ", which is " + (record.fields().containsKey(field.name()) ? "empty" : "absent"),
            null);
      }
      if (record.isStructured(field.name())) {
        return new Rejected(recordId, RULE_TYPE, field.name(),
            "Cannot land record " + recordId + " of feed " + contract.feed() + ": rule " + RULE_TYPE + ": field "
                + field.name() + " is a JSON object or array, the contract declares one " + field.format().name().toLowerCase(java.util.Locale.ROOT) + " value",
            "[" + utf8Length(v) + " bytes of JSON]");
      }
    }
    for (Map.Entry<String, String> e : record.fields().entrySet()) {
      int bad = badCharacterAt(e.getValue());
      if (bad >= 0) {
        return new Rejected(recordId, RULE_ENCODING, e.getKey(),
            "Cannot land record " + recordId + " of feed " + contract.feed() + ": rule " + RULE_ENCODING + ": field "
                + e.getKey() + " holds " + (e.getValue().charAt(bad) == '\uFFFD'
                    ? "U+FFFD, the mark of bytes that were not valid " + contract.format().encoding() + " where the source decoded them"
                    : "an unpaired surrogate, which no encoding can store")
                + " (character " + (bad + 1) + ")",
            "[" + e.getValue().length() + " characters]");
      }
    }
    return new Admitted(recordId);
  }

  /** Index of the first unpaired surrogate or U+FFFD, or -1. */
  static int badCharacterAt(String s) {
    if (s == null) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\uFFFD') {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String largestField(RawRecord record) {
    String largest = null;
    int max = -1;
    for (Map.Entry<String, String> e : record.fields().entrySet()) {
      int n = utf8Length(e.getValue());
      if (n > max) {
        max = n;
        largest = e.getKey();
      }
    }
    return largest;
  }

  private static int utf8Length(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
