package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cdhub.jobs.standardize.PersonFieldMapping.FieldRule;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.ExportDate;
import org.cdhub.kernel.Masking;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.ParsedAddress;
import org.cdhub.kernel.PersonName;
import org.cdhub.kernel.Sex;
import org.cdhub.model.contract.FieldFormat;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPerson;

/**
 * Turns one bronze row of a person feed into a silver person or a quarantined record, using
 * the contract's rules and the domain kernel. Plain Java: built once per Spark partition on
 * the executors, and unit-testable without Spark.
 *
 * <p>Rules: a required field that is empty or breaks a rule (contract or kernel) sends the row
 * to quarantine; so does an ID number that is present but invalid, required or not. An
 * optional field that breaks a rule is dropped from the silver row with a note.
 */
public final class PersonStandardizer implements RecordStandardizer<SilverPerson> {
  public static final String STAGE = "STANDARDIZE";
  public static final String FIELD_REQUIRED = "FIELD-REQUIRED";
  public static final String FIELD_MAX_LENGTH = "FIELD-MAX-LENGTH";
  public static final String FIELD_ALLOWED_VALUES = "FIELD-ALLOWED-VALUES";
  public static final String FIELD_PATTERN = "FIELD-PATTERN";
  static final int MASKED_MAX_CHARS = 128;

  private final PersonFieldMapping mapping;
  private final Map<String, Pattern> codePatterns = new HashMap<>();

  public PersonStandardizer(PersonFieldMapping mapping) {
    this.mapping = requireNonNull(mapping, "mapping is null");
    for (FieldRule f : mapping.fields()) {
      if (f.format() == FieldFormat.CODE && f.pattern() != null) {
        codePatterns.put(f.name(), Pattern.compile(f.pattern()));
      }
    }
  }

  /** A rule a field broke: field, rule code, reason without the value, and the value masked. */
  record Failure(String field, String rule, String reason, String valueMasked) {}

  @Override
  public StandardizeOutcome<SilverPerson> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    List<Failure> failures = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    Map<PersonAttribute, String> values = new EnumMap<>(PersonAttribute.class);
    Map<PersonAttribute, FieldRule> fieldOf = new EnumMap<>(PersonAttribute.class);

    // contract rules on every field
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
        if (f.required() || f.attribute() == PersonAttribute.ID_NUMBER) {
          failures.add(broken);
        } else {
          notes.add(broken.rule() + ":" + f.name());
        }
        continue;
      }
      if (f.attribute() != null) {
        values.put(f.attribute(), raw);
        fieldOf.put(f.attribute(), f);
      }
    }

    // kernel rules on the mapped fields
    CitizenIdNumber id = null;
    String idRaw = values.get(PersonAttribute.ID_NUMBER);
    if (idRaw != null) {
      FieldRule f = fieldOf.get(PersonAttribute.ID_NUMBER);
      Checked<CitizenIdNumber> checked = kernel(row, f, () -> CitizenIdNumber.check(idRaw));
      if (checked.valid()) {
        id = checked.value();
        notes.addAll(checked.notes());
      } else {
        // an ID number that is there but wrong is never guessed around, required or not
        failures.add(new Failure(f.name(), checked.rule(), checked.reason(), mask(f, idRaw)));
      }
    }
    PersonName name = accept(row, PersonAttribute.NAME, values, fieldOf, failures, notes, PersonName::check);
    LocalDate birthDate = accept(row, PersonAttribute.BIRTH_DATE, values, fieldOf, failures, notes,
        raw -> {
          String pattern = fieldOf.get(PersonAttribute.BIRTH_DATE).pattern();
          return pattern == null ? ExportDate.check(raw) : ExportDate.check(raw, pattern);
        });
    MobileNumber phone = accept(row, PersonAttribute.PHONE, values, fieldOf, failures, notes, MobileNumber::check);
    String sexRaw = values.get(PersonAttribute.SEX);
    Sex sex = sexRaw == null ? null : Sex.fromCode(sexRaw);
    String addressRaw = values.get(PersonAttribute.ADDRESS);
    ParsedAddress address = addressRaw == null ? null
        : kernel(row, fieldOf.get(PersonAttribute.ADDRESS), () -> AddressParser.parse(addressRaw));

    if (!failures.isEmpty()) {
      return new StandardizeOutcome.Quarantined<>(quarantine(row, failures, now));
    }

    // what the ID number itself says fills gaps; a disagreement is noted for later review
    if (id != null) {
      if (birthDate == null) {
        birthDate = id.birthDate();
        notes.add("BIRTH_DATE_FROM_ID");
      } else if (!birthDate.equals(id.birthDate())) {
        notes.add("BIRTH_DATE_DIFFERS_FROM_ID");
      }
      if (sex == null || sex == Sex.UNKNOWN) {
        sex = id.sex();
        notes.add("SEX_FROM_ID");
      } else if (sex != id.sex()) {
        notes.add("SEX_DIFFERS_FROM_ID");
      }
    }
    SilverPerson person = new SilverPerson(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        id == null ? null : id.value(),
        name == null ? null : name.value(),
        name == null ? null : name.pinyinKey(),
        sex,
        birthDate,
        phone == null ? null : phone.value(),
        addressRaw == null ? null : addressRaw.strip(),
        address == null ? null : address.district(),
        address == null ? null : address.street(),
        address == null ? null : address.community(),
        address == null ? null : address.compound(),
        address == null ? null : address.building(),
        address == null ? null : address.unit(),
        address == null ? null : address.room(),
        trimmed(values.get(PersonAttribute.COMMUNITY_CODE)),
        null, // known-place matching comes with the place index
        PlaceMatch.UNMATCHED,
        trimmed(values.get(PersonAttribute.HOUSEHOLD_NO)),
        List.of(),
        List.copyOf(notes),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(person);
  }

  /** Contract-level rules: length, closed value list, code pattern. */
  private Failure contractRule(FieldRule f, String raw) {
    int length = raw.codePointCount(0, raw.length());
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

  /** Runs a kernel check on a mapped field: invalid required values fail the row, optional ones become a note. */
  private <T> T accept(BronzeRecord row, PersonAttribute attribute, Map<PersonAttribute, String> values,
      Map<PersonAttribute, FieldRule> fieldOf, List<Failure> failures, Set<String> notes,
      java.util.function.Function<String, Checked<T>> check) {
    String raw = values.get(attribute);
    if (raw == null) {
      return null;
    }
    FieldRule f = fieldOf.get(attribute);
    Checked<T> checked = kernel(row, f, () -> check.apply(raw));
    if (checked.valid()) {
      notes.addAll(checked.notes());
      return checked.value();
    }
    if (f.required()) {
      failures.add(new Failure(f.name(), checked.rule(), checked.reason(), mask(f, raw)));
    } else {
      notes.add(checked.rule() + ":" + f.name());
    }
    return null;
  }

  /** The kernel never throws on text; if it does anyway, the job stops naming feed, record and field. */
  private <T> T kernel(BronzeRecord row, FieldRule f, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot standardize field " + f.name() + " of record " + row.sourceRecordId()
          + " of feed " + row.sourceSystem() + ": the kernel threw " + e.getClass().getSimpleName(), e);
    }
  }

  private QuarantinedRecord quarantine(BronzeRecord row, List<Failure> failures, Instant now) {
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
        first.field(), first.rule(), reason.toString(), first.valueMasked(), null, now);
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
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MASKED_MAX_CHARS + 8));
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (++count > MASKED_MAX_CHARS) {
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

  private static String trimmed(String s) {
    return s == null ? null : s.strip();
  }
}
