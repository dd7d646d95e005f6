package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.nio.charset.CharsetEncoder;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Noise for one feed, drawn from the feed's own random streams at its {@link NoiseProfile}'s
 * rates and logged per record and field. Besides random noise, one record in
 * {@value #HOSTILE_EVERY} (the first at record {@value #HOSTILE_FIRST}) carries a hostile value
 * (SQL fragment, control characters, emoji, a very long or multi-line text) for validation to
 * reject; the kinds rotate.
 */
final class FeedNoise {
  static final int HOSTILE_EVERY = 500;
  static final int HOSTILE_FIRST = 7;
  static final int VERY_LONG_LENGTH = 5_000;
  static final List<String> DATE_FORMATS = List.of("yyyy-MM-dd", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日");

  private static final List<NoiseKind> HOSTILE_ROTATION = List.of(
      NoiseKind.HOSTILE_SQL, NoiseKind.HOSTILE_VERY_LONG, NoiseKind.HOSTILE_CONTROL_CHARS, NoiseKind.HOSTILE_NEWLINE, NoiseKind.HOSTILE_EMOJI);
  private static final String CHECK_CHARACTERS = "0123456789X";

  private final String feed;
  private final NoiseProfile profile;
  private final NoiseLog log;
  private final NameForms names;
  /** For GBK feeds: what GBK can hold (a few traditional characters are outside it). */
  private final CharsetEncoder gbk;
  private long records;
  private int hostiles;

  /** {@code gbk}: the feed is GBK-encoded, so no hostile value may use characters GBK lacks (emoji). */
  FeedNoise(String feed, NoiseProfile profile, NoiseLog log, NameForms names, boolean gbk) {
    this.names = requireNonNull(names, "names is null");
    this.feed = requireNonNull(feed, "feed is null");
    this.profile = requireNonNull(profile, "profile is null");
    this.log = requireNonNull(log, "log is null");
    this.gbk = gbk ? Rosters.GBK.newEncoder() : null;
  }

  NoiseProfile profile() {
    return profile;
  }

  String feed() {
    return feed;
  }

  /** Noise for the next record of the feed. */
  RecordNoise record(String recordId, CityRandom rng) {
    long n = records++;
    NoiseKind hostile = null;
    if (n % HOSTILE_EVERY == HOSTILE_FIRST) {
      do {
        hostile = HOSTILE_ROTATION.get(hostiles++ % HOSTILE_ROTATION.size());
      } while (gbk != null && hostile == NoiseKind.HOSTILE_EMOJI);
    }
    return new RecordNoise(recordId, rng, hostile);
  }

  /** Logs a duplicate delivery of a record under {@code copyId}. */
  void duplicated(String copyId, String originalId) {
    log.log(feed, copyId, "_record", NoiseKind.DUPLICATE, originalId);
  }

  final class RecordNoise {
    private final String recordId;
    private final CityRandom rng;
    private NoiseKind hostile;

    private RecordNoise(String recordId, CityRandom rng, NoiseKind hostile) {
      this.recordId = recordId;
      this.rng = rng;
      this.hostile = hostile;
    }

    String recordId() {
      return recordId;
    }

    private void logged(String field, NoiseKind kind) {
      log.log(feed, recordId, field, kind, null);
    }

    /** A Chinese name as typed into this feed; may carry the record's hostile value (SQL, control characters, emoji). */
    String name(String field, String name, int surnameLength) {
      String out = name;
      if (rng.chance(profile.nameHomophone())) {
        String typo = PersonNames.withHomophone(rng, out, surnameLength);
        if (typo != null) {
          out = typo;
          logged(field, NoiseKind.NAME_HOMOPHONE);
        }
      }
      if (rng.chance(profile.nameTraditional())) {
        String traditional = names.traditional(out);
        if (!traditional.equals(out) && (gbk == null || gbk.canEncode(traditional))) {
          out = traditional;
          logged(field, NoiseKind.NAME_TRADITIONAL);
        }
      }
      if (rng.chance(profile.nameSpaced())) {
        out = out.substring(0, surnameLength) + (rng.chance(0.5) ? " " : "\u3000") + out.substring(surnameLength);
        logged(field, NoiseKind.NAME_SPACED);
      }
      return shortHostile(field, out);
    }

    /** Any short text field (company name, device name) that may carry the record's short hostile value. */
    String text(String field, String value) {
      return shortHostile(field, value);
    }

    private String shortHostile(String field, String value) {
      if (hostile == null || value == null) {
        return value;
      }
      String out = switch (hostile) {
        case HOSTILE_SQL -> value + "'); DROP TABLE hr_person;--";
        case HOSTILE_CONTROL_CHARS -> value.charAt(0) + "\u0007\u001B[0m" + value.substring(1) + "\u007F";
        case HOSTILE_EMOJI -> value + "\uD83D\uDE00\uD83C\uDFE0";
        default -> null;
      };
      if (out == null) {
        return value;
      }
      logged(field, hostile);
      hostile = null;
      return out;
    }

    /** An address text that may carry the record's long hostile value (very long, embedded line breaks). */
    String address(String field, String value) {
      if (hostile == null || value == null) {
        return value;
      }
      String out = switch (hostile) {
        case HOSTILE_VERY_LONG -> value + "附近".repeat(VERY_LONG_LENGTH / 2);
        case HOSTILE_NEWLINE -> value.substring(0, value.length() / 2) + "\r\n" + value.substring(value.length() / 2);
        default -> null;
      };
      if (out == null) {
        return value;
      }
      logged(field, hostile);
      hostile = null;
      return out;
    }

    /** An 18-character ID number as typed into this feed. {@code birth} decides whether a legacy form is plausible. */
    String idNumber(String field, String id, LocalDate birth) {
      if (id == null) {
        return null;
      }
      String out = id;
      if (birth.getYear() < 1980 && rng.chance(profile.idLegacy15())) {
        logged(field, NoiseKind.ID_LEGACY_15);
        return out.substring(0, 6) + out.substring(8, 17);
      }
      if (rng.chance(profile.idWrongCheckDigit())) {
        char right = out.charAt(17);
        char wrong;
        do {
          wrong = CHECK_CHARACTERS.charAt(rng.nextInt(CHECK_CHARACTERS.length()));
        } while (wrong == right);
        out = out.substring(0, 17) + wrong;
        logged(field, NoiseKind.ID_WRONG_CHECK_DIGIT);
      }
      if (out.endsWith("X") && rng.chance(profile.idLowercaseX())) {
        out = out.substring(0, 17) + "x";
        logged(field, NoiseKind.ID_LOWERCASE_X);
      }
      if (rng.chance(profile.idFullWidth())) {
        StringBuilder sb = new StringBuilder(out.length());
        for (char c : out.toCharArray()) {
          sb.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c);
        }
        out = sb.toString();
        logged(field, NoiseKind.ID_FULL_WIDTH);
      }
      return out;
    }

    /** A phone as typed: decorated with +86, spaces or dashes, or a landline instead. */
    String phone(String field, String phone) {
      if (phone == null) {
        return null;
      }
      if (rng.chance(profile.phoneLandline())) {
        logged(field, NoiseKind.PHONE_LANDLINE);
        return Registrar.landline(rng);
      }
      if (phone.length() == 11 && rng.chance(profile.phoneDecorated())) {
        logged(field, NoiseKind.PHONE_DECORATED);
        String a = phone.substring(0, 3);
        String b = phone.substring(3, 7);
        String c = phone.substring(7);
        return switch (rng.nextInt(4)) {
          case 0 -> "+86 " + a + " " + b + " " + c;
          case 1 -> a + "-" + b + "-" + c;
          case 2 -> a + " " + b + " " + c;
          default -> "+86" + phone;
        };
      }
      return phone;
    }

    /** The value, or null if this optional field is left empty in this record. */
    String orMissing(String field, String value) {
      if (value != null && rng.chance(profile.missingField())) {
        logged(field, NoiseKind.MISSING);
        return null;
      }
      return value;
    }

    /** A date in the feed's usual format, now and then in another one. */
    String date(String field, LocalDate date, DateTimeFormatter usual) {
      if (date == null) {
        return null;
      }
      if (rng.chance(profile.dateVariant())) {
        String pattern = DATE_FORMATS.get(rng.nextInt(DATE_FORMATS.size()));
        String variant = DateTimeFormatter.ofPattern(pattern).format(date);
        if (!variant.equals(usual.format(date))) {
          logged(field, NoiseKind.DATE_VARIANT);
          return variant;
        }
      }
      return usual.format(date);
    }

    /** Records noise the caller injected itself (e.g. an ID typed into a numeric Excel cell). */
    void note(String field, NoiseKind kind) {
      logged(field, kind);
    }

    boolean chance(double p) {
      return rng.chance(p);
    }

    CityRandom random() {
      return rng;
    }
  }
}
