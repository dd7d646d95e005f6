package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.cdhub.kernel.Masking;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;

/**
 * The default view of a person for client platforms: what the kernel's {@link Masking} keeps
 * of ID number, name, phone and address, and the birth date only as year and ten-year age band.
 */
public final class PersonMasking {
  /** Ages are counted on the calendar day in China, where the hub's communities are. */
  static final ZoneId HUB_ZONE = ZoneId.of("Asia/Shanghai");
  static final int OLDEST_BAND = 90;

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
  }

  public MaskedPerson mask(MasterPerson person) {
    requireNonNull(person, "person is null");
    LocalDate today = LocalDate.now(clock.withZone(HUB_ZONE));
    LocalDate birth = person.birthDate();
    return new MaskedPerson(
        person.masterId(),
        masked(person.name(), Masking::name),
        masked(person.idNumber(), Masking::idNumber),
        person.sex() == null ? Sex.UNKNOWN : person.sex(),
        birth == null ? null : birth.getYear(),
        ageBand(birth, today),
        masked(person.phone(), Masking::phone),
        masked(person.address(), this::maskedAddress),
        person.houseId(),
        person.districtCode(),
        person.communityCode(),
        person.gridCode(),
        person.tags(),
        person.updatedAt());
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
