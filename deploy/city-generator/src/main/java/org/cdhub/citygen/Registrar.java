package org.cdhub.citygen;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cdhub.citygen.Gazetteer.District;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.CreditCode;
import org.cdhub.kernel.Sex;

/**
 * Issues the city's unique identifiers: citizen ID numbers, mobile numbers, number plates,
 * credit codes and organization names. Uniqueness is kept across the whole city, in the order
 * communities are built, so the same seed always issues the same numbers.
 */
final class Registrar {
  /** Regions people who moved to Yinchuan were registered in first (elsewhere in Ningxia, neighbours). */
  private static final List<String> MIGRANT_REGIONS = List.of(
      "640202", "640221", "640302", "640323", "640381", "640402", "640422", "640423", "640424", "640502",
      "640522", "642221", "620102", "620402", "622901", "150102", "152921", "610113", "612701", "410102", "130102");
  private static final List<String> MOBILE_PREFIXES = List.of(
      "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "178", "182",
      "183", "184", "187", "188", "198", "130", "131", "132", "155", "156", "166", "175", "176", "185", "186",
      "133", "153", "173", "177", "180", "181", "189", "199");
  private static final String CREDIT_ALPHABET_LETTERS = "ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private final LongSet idNumbers;
  private final LongSet phones;
  private final Set<String> plates = new HashSet<>();
  private final Set<String> creditCodes = new HashSet<>();
  private final Set<String> names = new HashSet<>();
  private final long orgOffset;
  private long orgSeq;

  Registrar(long seed, int people) {
    this.idNumbers = new LongSet(people + 16);
    this.phones = new LongSet(people + 16);
    this.orgOffset = Math.floorMod(seed * 7919L, 100_000_000L);
  }

  /**
   * A new 18-character ID number for someone born on {@code birth}: region code of first
   * registration, birth date, a sequence whose parity gives the sex, and the check character.
   */
  String idNumber(CityRandom rng, District district, LocalDate birth, Sex sex, boolean local) {
    String region = local ? localRegion(rng, district, birth.getYear()) : rng.pick(MIGRANT_REGIONS);
    String date = CityClock.COMPACT_DATE.format(birth);
    for (int attempt = 0; ; attempt++) {
      int seq = 2 * rng.nextInt(500) + (sex == Sex.MALE ? 1 : 0);
      long key = Long.parseLong(region) * 100_000_000_000L + Long.parseLong(date) * 1000L + seq;
      if (idNumbers.add(key)) {
        String first17 = region + date + Digits.pad(seq, 3);
        return first17 + CitizenIdNumber.checkCharacter(first17);
      }
      if (attempt > 2000) {
        region = rng.pick(MIGRANT_REGIONS); // a day and region full of births: register elsewhere
      }
    }
  }

  private static String localRegion(CityRandom rng, District district, int birthYear) {
    // Before the 2002 reorganisation Yinchuan's urban districts had other codes (城区, 新城区, 郊区).
    boolean legacy = birthYear < (district == Gazetteer.LINGWU ? 1996 : 2002);
    return legacy ? rng.pick(district.legacyCodes()) : district.code();
  }

  String mobile(CityRandom rng) {
    while (true) {
      String phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
      if (phones.add(Long.parseLong(phone))) {
        return phone;
      }
    }
  }

  /** A Yinchuan landline as older residents and companies give it: 0951-5012345. */
  static String landline(CityRandom rng) {
    return "0951-" + rng.between(2, 8) + rng.digits(6);
  }

  /** A Yinchuan number plate (宁A), new-energy plates with D/F and six digits. */
  String plate(CityRandom rng) {
    while (true) {
      String plate;
      if (rng.chance(0.12)) {
        plate = "宁A" + (rng.chance(0.8) ? "D" : "F") + rng.digits(5);
      } else {
        StringBuilder sb = new StringBuilder("宁A");
        for (int i = 0; i < 5; i++) {
          sb.append(i < 2 && rng.chance(0.35) ? rng.pick("ABCDEFGHJKLMNPQRSTUVWXYZ") : (char) ('0' + rng.nextInt(10)));
        }
        plate = sb.toString();
      }
      if (plates.add(plate)) {
        return plate;
      }
    }
  }

  /**
   * A unified social credit code: authority 9 (market regulation), type 1 (enterprise) or 2
   * (individual business), region, the 9-character organization code (codes issued since 2016
   * begin with MA) and the GB 32100 check character.
   */
  String creditCode(CityRandom rng, char type, String region, LocalDate established) {
    while (true) {
      long n = Math.floorMod((++orgSeq) * 48271L + orgOffset, 100_000_000L);
      String body;
      if (established.getYear() >= 2016) {
        StringBuilder sb = new StringBuilder("MA7");
        sb.append(rng.pick(CREDIT_ALPHABET_LETTERS));
        sb.append(Digits.pad(n % 10_000, 4));
        body = sb.toString();
      } else {
        body = Digits.pad(n, 8);
      }
      String first17 = "9" + type + region + body + organizationCodeCheck(body);
      String code = first17 + CreditCode.checkCharacter(first17);
      if (creditCodes.add(code)) {
        return code;
      }
    }
  }

  /** GB 11714 check character of an 8-character organization code body. */
  static char organizationCodeCheck(String body) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = body.charAt(i);
      int v = c <= '9' ? c - '0' : c - 'A' + 10;
      sum += v * ORG_CODE_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  /** Reserves a name; false if an organization already has it. */
  boolean reserveName(String name) {
    return names.add(name);
  }
}
