package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.ExportDate;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.PersonName;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.entity.SilverPerson;

/**
 * Turns one bronze row of a person feed into a silver person or a quarantined record, using
 * the contract's rules ({@link ContractFieldRules}) and the domain kernel. Plain Java: built
 * once per Spark partition on the executors, and unit-testable without Spark.
 *
 * <p>Rules: a required field that is empty or breaks a rule (contract or kernel) sends the row
 * to quarantine; so does an ID number that is present but invalid, required or not. An
 * optional field that breaks a rule is dropped from the silver row with a note.
 */
public final class PersonStandardizer implements RecordStandardizer<SilverPerson> {
  public static final String STAGE = ContractFieldRules.STAGE;
  public static final String FIELD_REQUIRED = ContractFieldRules.FIELD_REQUIRED;
  public static final String FIELD_MAX_LENGTH = ContractFieldRules.FIELD_MAX_LENGTH;
  public static final String FIELD_ALLOWED_VALUES = ContractFieldRules.FIELD_ALLOWED_VALUES;
  public static final String FIELD_PATTERN = ContractFieldRules.FIELD_PATTERN;
  static final int MASKED_MAX_CHARS = ContractFieldRules.MASKED_MAX_CHARS;

  static final String NOTE_UNKNOWN_GROUP = "TAGS-UNKNOWN-GROUP";
  static final String RULE_STATUS = "STATUS-UNKNOWN";
  /** Population groups of the health archives that are key-population tags (see health_residents.rqfl). */
  private static final Map<String, String> GROUP_TAGS = Map.of(
      "65岁及以上老年人", "ELDERLY",
      "严重精神障碍患者", "MENTAL_DISORDER",
      "残疾人", "DISABLED");
  private static final Set<String> GROUPS_WITHOUT_TAG = Set.of("0-6岁儿童", "高血压患者", "2型糖尿病患者", "一般人群", "孕产妇");
  private static final Pattern GROUP_SEPARATORS = Pattern.compile("[;；,，、|]");

  private final FeedMapping mapping;
  private final ContractFieldRules rules;
  private final AddressFields addresses;

  public PersonStandardizer(FeedMapping mapping, KnownPlaces places) {
    this.mapping = requireNonNull(mapping, "mapping is null").requireEntity(EntityType.PERSON, "persons");
    this.rules = new ContractFieldRules(mapping);
    this.addresses = new AddressFields(places);
  }

  /** Without known places: every address is UNMATCHED. */
  public PersonStandardizer(FeedMapping mapping) {
    this(mapping, KnownPlaces.NONE);
  }

  @Override
  public StandardizeOutcome<SilverPerson> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    RowCheck check = rules.check(row);

    CitizenIdNumber id = check.accept(PersonAttribute.ID_NUMBER, CitizenIdNumber::check);
    PersonName name = mapping.maps(PersonAttribute.NAME) ? check.accept(PersonAttribute.NAME, PersonName::check) : composedName(check);
    String otherId = check.accept(PersonAttribute.OTHER_ID_NUMBER, TextValues::identifier);
    String birthPattern = mapping.maps(PersonAttribute.BIRTH_DATE) ? rules.field(PersonAttribute.BIRTH_DATE).pattern() : null;
    LocalDate birthDate = check.accept(PersonAttribute.BIRTH_DATE,
        raw -> birthPattern == null ? ExportDate.check(raw) : ExportDate.check(raw, birthPattern));
    MobileNumber phone = check.accept(PersonAttribute.PHONE, MobileNumber::check);
    PersonStatus status = check.accept(PersonAttribute.STATUS, PersonStandardizer::status);
    String sexRaw = check.raw(PersonAttribute.SEX);
    Sex sex = sexRaw == null ? null : Sex.fromCode(sexRaw);
    AddressFields.Located place = addresses.locate(check, PersonAttribute.ADDRESS, null, PersonAttribute.COMMUNITY_CODE);

    if (check.failed()) {
      return new StandardizeOutcome.Quarantined<>(check.quarantine(now));
    }

    // what the ID number itself says fills gaps; a disagreement is noted for later review
    if (id != null) {
      if (birthDate == null) {
        birthDate = id.birthDate();
        check.note("BIRTH_DATE_FROM_ID");
      } else if (!birthDate.equals(id.birthDate())) {
        check.note("BIRTH_DATE_DIFFERS_FROM_ID");
      }
      if (sex == null || sex == Sex.UNKNOWN) {
        sex = id.sex();
        check.note("SEX_FROM_ID");
      } else if (sex != id.sex()) {
        check.note("SEX_DIFFERS_FROM_ID");
      }
    }
    SilverPerson person = new SilverPerson(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        id == null ? null : id.value(),
        otherId,
        name == null ? null : name.value(),
        name == null ? null : name.pinyinKey(),
        sex,
        birthDate,
        phone == null ? null : phone.value(),
        check.raw(PersonAttribute.ADDRESS) == null ? null : place.addressRaw(),
        place.district(),
        place.street(),
        place.community(),
        place.compound(),
        place.building(),
        place.unit(),
        place.room(),
        place.communityCode(),
        place.match().placeCode(),
        place.match().level(),
        check.stripped(PersonAttribute.HOUSEHOLD_NO),
        tags(check),
        status,
        check.notes(),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(person);
  }

  /** The name of a feed that delivers surname and given name apart, or null when it has neither. */
  private PersonName composedName(RowCheck check) {
    String composed = PersonName.composed(check.raw(PersonAttribute.SURNAME), check.raw(PersonAttribute.GIVEN_NAME));
    PersonAttribute named = mapping.maps(PersonAttribute.SURNAME) ? PersonAttribute.SURNAME : PersonAttribute.GIVEN_NAME;
    return composed == null ? null : check.accept(named, composed, PersonName::check);
  }

  /** The key-population tags the row asserts, in contract order. */
  private List<String> tags(RowCheck check) {
    List<String> tags = new ArrayList<>(2);
    String groups = check.raw(PersonAttribute.TAGS);
    if (groups != null) {
      for (String group : GROUP_SEPARATORS.split(groups)) {
        String g = group.strip();
        if (g.isEmpty()) {
          continue;
        }
        String tag = GROUP_TAGS.get(g);
        if (tag != null && !tags.contains(tag)) {
          tags.add(tag);
        } else if (tag == null && !GROUPS_WITHOUT_TAG.contains(g)) {
          check.note(NOTE_UNKNOWN_GROUP + ":" + rules.field(PersonAttribute.TAGS).name());
        }
      }
    }
    for (FeedMapping.FieldRule f : mapping.fields()) {
      if (f.attribute() instanceof PersonTag tag && tag.assertedBy(check.raw(tag)) && !tags.contains(tag.tag())) {
        tags.add(tag.tag());
      }
    }
    return List.copyOf(tags);
  }

  /** A status is the name of a {@link PersonStatus}, upper case, nothing else. */
  static Checked<PersonStatus> status(String raw) {
    String code = raw.strip();
    for (PersonStatus s : PersonStatus.values()) {
      if (s.name().equals(code)) {
        return Checked.ok(s);
      }
    }
    return Checked.rejected(RULE_STATUS, "status must be one of " + java.util.Arrays.toString(PersonStatus.values())
        + " (value " + printable(code) + ")");
  }

  /** Control characters escaped, bounded: see {@link ContractFieldRules#printable(String)}. */
  static String printable(String s) {
    return ContractFieldRules.printable(s);
  }
}
