package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cdhub.jobs.standardize.FeedMapping.FieldRule;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.Masking;
import org.cdhub.model.contract.FieldFormat;
import org.cdhub.model.entity.QuarantinedRecord;

/**
 * The contract-level rules every standardizer applies (required, max length in code points,
 * closed value list, code pattern), the kernel-check policy (a broken required or strict field
 * rejects the row, a broken optional one is dropped with a note) and how quarantine shows a
 * value (masked, printable, bounded). One place, used by all five standardizers.
 */
public final class ContractFieldRules {
  public static final String STAGE = "STANDARDIZE";
  public static final String FIELD_REQUIRED = "FIELD-REQUIRED";
  public static final String FIELD_MAX_LENGTH = "FIELD-MAX-LENGTH";
  public static final String FIELD_ALLOWED_VALUES = "FIELD-ALLOWED-VALUES";
  public static final String FIELD_PATTERN = "FIELD-PATTERN";
  static final int MASKED_MAX_CHARS = 128;

  private final FeedMapping mapping;
  private final Map<String, Pattern> codePatterns = new HashMap<>();
  private final Map<EntityAttribute, FieldRule> fieldOf = new HashMap<>();

  public ContractFieldRules(FeedMapping mapping) {
    this.mapping = requireNonNull(mapping, "mapping is null");
    for (FieldRule f : mapping.fields()) {
      if (f.format() == FieldFormat.CODE && f.pattern() != null) {
        codePatterns.put(f.name(), Pattern.compile(f.pattern()));
      }
      if (f.attribute() != null) {
        fieldOf.putIfAbsent(f.attribute(), f); // a composed attribute is named after its first field
      }
    }
  }

  public FeedMapping mapping() {
    return mapping;
  }

  /** The field mapped to {@code attribute}, or null. */
  FieldRule field(EntityAttribute attribute) {
    return fieldOf.get(attribute);
  }

  /** A rule a field broke: field, rule code, reason without the value, and the value masked. */
  record Failure(String field, String rule, String reason, String valueMasked) {}

  /** Applies the contract rules to every field of {@code row}; kernel checks follow on the result. */
  RowCheck check(BronzeRecord row) {
    return new RowCheck(row);
  }

  /** Contract-level rules: length, closed value list, code pattern; null when all hold. */
  Failure contractRule(FieldRule f, String raw) {
    // surrounding white space is padding, not content: counted like the other rules see the value
    String value = raw.strip();
    int length = value.codePointCount(0, value.length());
    if (length > f.maxLength()) {
      return new Failure(f.name(), FIELD_MAX_LENGTH,
          "field " + f.name() + " is " + length + " characters, longer than max_length " + f.maxLength(), mask(f, raw));
    }
    if (!f.allowedValues().isEmpty() && !f.allowedValues().contains(raw.strip())) {
      return new Failure(f.name(), FIELD_ALLOWED_VALUES,
          "field " + f.name() + " is not one of the allowed values " + f.allowedValues(), mask(f, raw));
    }
    Pattern pattern = codePatterns.get(f.name());
    if (pattern != null && !pattern.matcher(raw.strip()).matches()) {
      return new Failure(f.name(), FIELD_PATTERN,
          "field " + f.name() + " does not match the pattern " + f.pattern(), mask(f, raw));
    }
    return null;
  }

  /**
   * One row under standardization: values that passed the contract rules, by attribute, and
   * the failures and notes gathered so far. Not thread-safe; one per row.
   */
  final class RowCheck {
    private final BronzeRecord row;
    private final List<Failure> failures = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Map<EntityAttribute, String> values = new HashMap<>();

    private RowCheck(BronzeRecord row) {
      this.row = requireNonNull(row, "row is null");
      for (FieldRule f : mapping.fields()) {
        String raw = row.raw(f.name());
        if (raw == null || raw.isBlank()) {
          if (f.required()) {
            failures.add(new Failure(f.name(), FIELD_REQUIRED, "required field " + f.name() + " is empty", null));
          }
          continue;
        }
        Failure broken = contractRule(f, raw);
        if (broken != null) {
          if (f.required() || (f.attribute() != null && f.attribute().strict())) {
            failures.add(broken);
          } else {
            notes.add(broken.rule() + ":" + f.name());
          }
          continue;
        }
        if (f.attribute() != null) {
          // parts of a composable attribute (an address in several fields) join in contract order
          values.merge(f.attribute(), raw, (first, next) -> first.strip() + " " + next.strip());
        }
      }
    }

    BronzeRecord row() {
      return row;
    }

    /** The field mapped to {@code attribute}, or null. */
    FieldRule field(EntityAttribute attribute) {
      return fieldOf.get(attribute);
    }

    /** The raw value of an attribute that passed the contract rules, or null. */
    String raw(EntityAttribute attribute) {
      return values.get(attribute);
    }

    /** The raw value stripped of surrounding white space, or null. */
    String stripped(EntityAttribute attribute) {
      String raw = values.get(attribute);
      return raw == null ? null : raw.strip();
    }

    /** The raw value of any contract field by name (mapped or not), as delivered, or null. */
    String rawField(String name) {
      return row.raw(name);
    }

    /**
     * Runs a kernel check on a mapped field. Invalid values of required or strict attributes
     * fail the row; invalid optional ones are dropped with a note {@code RULE:field}.
     */
    <T> T accept(EntityAttribute attribute, Function<String, Checked<T>> check) {
      return accept(attribute, values.get(attribute), check);
    }

    /**
     * As above for a value made from mapped fields (a name from surname and given name), a
     * failure named after the field of {@code attribute}.
     */
    <T> T accept(EntityAttribute attribute, String raw, Function<String, Checked<T>> check) {
      if (raw == null) {
        return null;
      }
      FieldRule f = fieldOf.get(attribute);
      Checked<T> checked = kernel(f, () -> check.apply(raw));
      if (checked.valid()) {
        notes.addAll(checked.notes());
        return checked.value();
      }
      if (f.required() || attribute.strict()) {
        // an ID number that is there but wrong is never guessed around, required or not
        failures.add(new Failure(f.name(), checked.rule(), checked.reason(), mask(f, raw)));
      } else {
        notes.add(checked.rule() + ":" + f.name());
      }
      return null;
    }

    /** Records a failure of a mapped field found by a check outside {@link #accept}. */
    void fail(EntityAttribute attribute, String rule, String reason) {
      FieldRule f = fieldOf.get(attribute);
      failures.add(new Failure(f.name(), rule, reason, mask(f, values.get(attribute))));
    }

    /** The kernel never throws on text; if it does anyway, the job stops naming feed, record and field. */
    <T> T kernel(FieldRule f, Supplier<T> call) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        throw new IllegalStateException("Cannot standardize field " + f.name() + " of record " + row.sourceRecordId()
            + " of feed " + row.sourceSystem() + ": the kernel threw " + e.getClass().getSimpleName(), e);
      }
    }

    void note(String note) {
      notes.add(note);
    }

    List<String> notes() {
      return List.copyOf(notes);
    }

    boolean failed() {
      return !failures.isEmpty();
    }

    /** The row as quarantine holds it: first failure named, the others listed in the reason. */
    QuarantinedRecord quarantine(Instant now) {
      Failure first = failures.get(0);
      StringBuilder reason = new StringBuilder(first.reason() == null ? first.rule() : first.reason());
      if (failures.size() > 1) {
        reason.append(" (also:");
        for (Failure other : failures.subList(1, failures.size())) {
          reason.append(' ').append(other.field()).append(' ').append(other.rule()).append(';');
        }
        reason.setLength(reason.length() - 1);
        reason.append(')');
      }
      // the raw row stays in bronze for replay; quarantine holds no unmasked personal data
      return new QuarantinedRecord(row.sourceSystem(), row.sourceRecordId(), row.batchId(), STAGE,
          first.field(), first.rule(), printable(reason.toString(), 4 * MASKED_MAX_CHARS), first.valueMasked(), null, now);
    }
  }

  /** A value as quarantine may show it: masked by its kind, printable, bounded. */
  static String mask(FieldRule f, String raw) {
    if (raw == null) {
      return null;
    }
    String masked = switch (f.format()) {
      case CITIZEN_ID -> Masking.idNumber(raw);
      case MOBILE -> Masking.phone(raw);
      case CHINESE_NAME -> Masking.name(raw);
      case ADDRESS -> Masking.address(raw);
      default -> f.sensitivity().isPersonal() ? "*".repeat(Math.min(8, raw.codePointCount(0, raw.length()))) : raw;
    };
    return printable(masked == null ? "" : masked);
  }

  /** Control characters escaped, at most {@value #MASKED_MAX_CHARS} characters, so quarantine stays readable. */
  static String printable(String s) {
    return printable(s, MASKED_MAX_CHARS);
  }

  private static String printable(String s, int maxChars) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), maxChars + 8));
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (++count > maxChars) {
        sb.append('…');
        break;
      }
      if (Character.isISOControl(cp)) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
