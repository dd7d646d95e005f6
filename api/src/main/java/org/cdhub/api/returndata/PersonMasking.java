package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.cdhub.catalog.grant.UnmaskableField;
import org.cdhub.kernel.Masking;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.schema.Sensitive;

/**
 * The default view of a person for client platforms: what the kernel's {@link Masking} keeps
 * of ID number, name, phone and address, and the birth date only as year and ten-year age band.
 * With an unmask grant, the fields it names go out as stored.
 */
public final class PersonMasking {
  /** Ages are counted on the calendar day in China, where the hub's communities are. */
  static final ZoneId HUB_ZONE = ZoneId.of("Asia/Shanghai");
  static final int OLDEST_BAND = 90;

  /**
   * How each personal field of the schema's person reaches a client. The schema marks fields
   * {@code @Sensitive}; a personal field missing here stops startup, so a field added to the
   * schema cannot reach clients unmasked by accident.
   */
  static final Map<String, String> PERSONAL_FIELDS = Map.of(
      "idNumber", "Masking.idNumber",
      "otherIdNumber", "not served",
      "name", "Masking.name",
      "birthDate", "birth year and ten-year age band",
      "phone", "Masking.phone",
      "address", "Masking.address");

  /**
   * Masked addresses kept at most; past this the memo starts over. Enough for every address of a
   * city-sized gold.person (about 100 bytes an entry beyond the address the projection holds).
   */
  static final int MAX_REMEMBERED_ADDRESSES = 250_000;

  private final Clock clock;
  /**
   * Address masking parses the address (measured at about a third of a roster request's CPU under
   * ./hub bench api); it is a pure function of the address, so each one is masked once.
   */
  private final Map<String, String> maskedAddresses = new ConcurrentHashMap<>();

  public PersonMasking(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
    requireEveryPersonalFieldHandled(MasterPerson.class, PERSONAL_FIELDS.keySet());
    requireEveryUnmaskableFieldPersonal(MasterPerson.class);
  }

  /**
   * @throws IllegalStateException naming a field grants can unmask that is not a personal field
   *     of {@code type}: a grant for it would unmask nothing, or something that was never masked
   */
  static void requireEveryUnmaskableFieldPersonal(Class<? extends Record> type) {
    for (UnmaskableField field : UnmaskableField.values()) {
      boolean personal = java.util.Arrays.stream(type.getRecordComponents())
          .anyMatch(c -> c.getName().equals(field.fieldName()) && c.getAnnotation(Sensitive.class) != null
              && c.getAnnotation(Sensitive.class).value().isPersonal());
      if (!personal) {
        throw new IllegalStateException("Cannot serve " + type.getSimpleName() + ": grants can unmask "
            + field.fieldName() + ", which is not a personal field of the schema");
      }
    }
  }

  /**
   * @throws IllegalStateException naming the first personal field of {@code type} (by its
   *     {@code @Sensitive} annotation) that {@code handled} does not cover
   */
  static void requireEveryPersonalFieldHandled(Class<? extends Record> type, java.util.Set<String> handled) {
    for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
      Sensitive sensitive = c.getAnnotation(Sensitive.class);
      if (sensitive != null && sensitive.value().isPersonal() && !handled.contains(c.getName())) {
        throw new IllegalStateException("Cannot serve " + type.getSimpleName() + ": field " + c.getName() + " is "
            + sensitive.value() + " in the schema but the API has no masking for it (PersonMasking.PERSONAL_FIELDS)");
      }
    }
  }

  public MaskedPerson mask(MasterPerson person) {
    return mask(person, Set.of());
  }

  /** The person with {@code unmasked} fields as stored and every other personal field masked. */
  public MaskedPerson mask(MasterPerson person, Set<UnmaskableField> unmasked) {
    requireNonNull(person, "person is null");
    requireNonNull(unmasked, "unmasked is null");
    LocalDate birth = person.birthDate();
    return new MaskedPerson(
        person.masterId(),
        unmasked.contains(UnmaskableField.NAME) ? person.name() : masked(person.name(), Masking::name),
        unmasked.contains(UnmaskableField.ID_NUMBER) ? person.idNumber() : masked(person.idNumber(), Masking::idNumber),
        person.sex() == null ? Sex.UNKNOWN : person.sex(),
        birth == null ? null : birth.getYear(),
        ageBand(birth),
        unmasked.contains(UnmaskableField.PHONE) ? person.phone() : masked(person.phone(), Masking::phone),
        unmasked.contains(UnmaskableField.ADDRESS) ? person.address() : address(person.address()),
        person.houseId(),
        person.districtCode(),
        person.communityCode(),
        person.gridCode(),
        person.tags(),
        person.status(),
        person.updatedAt());
  }

  /** The age band of a birth date today, in the hub's zone (see {@link #ageBand(LocalDate, LocalDate)}). */
  public String ageBand(LocalDate birthDate) {
    return ageBand(birthDate, today());
  }

  /** The day ages are counted on. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(HUB_ZONE));
  }

  /**
   * Age in whole years on {@code today} as a ten-year band: {@code 0-9}, {@code 10-19} ...
   * {@code 80-89}, {@code 90+}; null without a birth date or with one in the future.
   */
  public static String ageBand(LocalDate birthDate, LocalDate today) {
    requireNonNull(today, "today is null");
    if (birthDate == null || birthDate.isAfter(today)) {
      return null;
    }
    int age = Period.between(birthDate, today).getYears();
    if (age >= OLDEST_BAND) {
      return OLDEST_BAND + "+";
    }
    int low = age / 10 * 10;
    return low + "-" + (low + 9);
  }

  /** An address masked as a person's address is (null or blank: null); other records' addresses of persons use this too. */
  public String address(String address) {
    return masked(address, this::maskedAddress);
  }

  private String maskedAddress(String address) {
    String known = maskedAddresses.get(address);
    if (known != null) {
      return known;
    }
    if (maskedAddresses.size() >= MAX_REMEMBERED_ADDRESSES) {
      maskedAddresses.clear(); // crude but bounded; a full city fits below the limit
    }
    String masked = Masking.address(address);
    maskedAddresses.put(address, masked);
    return masked;
  }

  private static String masked(String value, UnaryOperator<String> mask) {
    return value == null || value.isBlank() ? null : mask.apply(value);
  }
}
