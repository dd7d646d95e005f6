package org.cdhub.jobs.resolve.match;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;

/**
 * How two silver person records are compared, attribute by attribute. Levels name the kind of
 * agreement so that evidence reads as an answer ("ID number: ONE_SUBSTITUTION").
 */
public final class PersonComparisons {
  /** Pinyin keys at least this similar (Jaro-Winkler) count as a similar name. */
  static final double SIMILAR_NAME = 0.9;
  private static final DateTimeFormatter DIGITS = DateTimeFormatter.BASIC_ISO_DATE;
  /** Edit distance up to 1 (-1 beyond): all that the other-identifier levels need to know. */
  private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

  private PersonComparisons() {}

  /**
   * Every person comparison, in the order of a pattern's levels; the ID number first. The other
   * identity number comes last so that the city's patterns keep their positions (its feeds have
   * none: the level is missing and weighs nothing).
   */
  public static List<Comparison<SilverPerson>> all() {
    return List.of(ID_NUMBER, NAME, BIRTH_DATE, SEX, PHONE, ADDRESS, OTHER_ID_NUMBER);
  }

  /**
   * The model used until the data can estimate one (too few candidate pairs), and the start of
   * estimation: m and u per level as they are typical of registry data behind these blocks.
   */
  public static MatchModel defaultModel() {
    List<Comparison<SilverPerson>> all = all();
    return new MatchModel(all.stream().map(Comparison::name).toList(), all.stream().map(Comparison::levels).toList(), 0.1,
        new double[][] {
            {0.92, 0.02, 0.01, 0.02, 0.03}, // id_number
            {0.88, 0.06, 0.03, 0.03}, // name
            {0.93, 0.04, 0.03}, // birth_date
            {0.98, 0.02}, // sex
            {0.60, 0.02, 0.38}, // phone
            {0.60, 0.10, 0.10, 0.20}, // address
            {0.90, 0.06, 0.04}}, // other_id_number
        new double[][] {
            {1e-6, 1e-5, 1e-6, 1e-7, 0.999988},
            {0.002, 0.002, 0.01, 0.986},
            {0.0003, 0.002, 0.9977},
            {0.5, 0.5},
            {0.001, 0.0005, 0.9985},
            {0.0005, 0.002, 0.01, 0.9875},
            {1e-6, 1e-5, 0.999989}});
  }

  /** Index of the ID number in {@link #all()}: the anchor that seeds estimation. */
  public static final int ID_NUMBER_INDEX = 0;

  /** The level of {@link #ID_NUMBER} for the same number. */
  public static final int ID_EXACT = 0;

  /** Same number; one character differs; two neighbours swapped; a 15-digit number that upgrades to the other; different. */
  public static final Comparison<SilverPerson> ID_NUMBER = new Levels<>("id_number",
      List.of("EXACT", "ONE_SUBSTITUTION", "TRANSPOSITION", "FORM_15_18", "DIFFERENT"), SilverPerson::idNumber) {
    @Override
    int level(String a, String b) {
      String x = a.toUpperCase(Locale.ROOT);
      String y = b.toUpperCase(Locale.ROOT);
      if (x.equals(y)) {
        return 0;
      }
      if (x.length() == y.length()) {
        int differing = differingPositions(x, y);
        if (differing == 1) {
          return 1;
        }
        if (differing == 2 && isAdjacentTransposition(x, y)) {
          return 2;
        }
        return 4;
      }
      String upgraded = x.length() == 15 ? upgradedOrNull(x) : y.length() == 15 ? upgradedOrNull(y) : null;
      return upgraded != null && (upgraded.equals(x) || upgraded.equals(y)) ? 3 : 4;
    }
  };

  /** Same characters; same pinyin (a homophone or a traditional form); similar pinyin; different. */
  public static final Comparison<SilverPerson> NAME = new Comparison<>() {
    private static final long serialVersionUID = 1L;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    @Override
    public String name() {
      return "name";
    }

    @Override
    public List<String> levels() {
      return List.of("EXACT", "SAME_PINYIN", "SIMILAR", "DIFFERENT");
    }

    @Override
    public int compare(SilverPerson a, SilverPerson b) {
      if (a.name() == null || b.name() == null) {
        return MISSING;
      }
      if (a.name().equals(b.name())) {
        return 0;
      }
      if (a.namePinyin() == null || b.namePinyin() == null) {
        return 3;
      }
      if (a.namePinyin().equals(b.namePinyin())) {
        return 1;
      }
      return JARO_WINKLER.apply(a.namePinyin(), b.namePinyin()) >= SIMILAR_NAME ? 2 : 3;
    }
  };

  /** Same date; a common slip (one digit, two neighbouring digits swapped, day and month swapped); different. */
  public static final Comparison<SilverPerson> BIRTH_DATE = new Levels<>("birth_date", List.of("EXACT", "SLIP", "DIFFERENT"),
      (SilverPerson p) -> p.birthDate() == null ? null : p.birthDate().format(DIGITS)) {
    @Override
    int level(String a, String b) {
      if (a.equals(b)) {
        return 0;
      }
      int differing = differingPositions(a, b);
      boolean dayMonthSwapped = a.substring(0, 4).equals(b.substring(0, 4))
          && a.substring(4, 6).equals(b.substring(6, 8)) && a.substring(6, 8).equals(b.substring(4, 6));
      return differing == 1 || differing == 2 && isAdjacentTransposition(a, b) || dayMonthSwapped ? 1 : 2;
    }
  };

  /** Same sex; different. An unknown sex is missing. */
  public static final Comparison<SilverPerson> SEX = new Levels<>("sex", List.of("SAME", "DIFFERENT"),
      (SilverPerson p) -> p.sex() == null || p.sex() == Sex.UNKNOWN ? null : p.sex().name()) {
    @Override
    int level(String a, String b) {
      return a.equals(b) ? 0 : 1;
    }
  };

  /** Same number; one digit off or two neighbours swapped; different. */
  public static final Comparison<SilverPerson> PHONE = new Levels<>("phone", List.of("EXACT", "ONE_DIGIT", "DIFFERENT"),
      SilverPerson::phone) {
    @Override
    int level(String a, String b) {
      if (a.equals(b)) {
        return 0;
      }
      int differing = a.length() == b.length() ? differingPositions(a, b) : Integer.MAX_VALUE;
      return differing == 1 || differing == 2 && isAdjacentTransposition(a, b) ? 1 : 2;
    }
  };

  /**
   * Same house (the same known house, or compound, building, unit and room all equal); same
   * building; same compound; different. No compound on either side is missing.
   */
  public static final Comparison<SilverPerson> ADDRESS = new Comparison<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
      return "address";
    }

    @Override
    public List<String> levels() {
      return List.of("SAME_HOUSE", "SAME_BUILDING", "SAME_COMPOUND", "DIFFERENT");
    }

    @Override
    public int compare(SilverPerson a, SilverPerson b) {
      if (a.placeCode() != null && a.placeCode().equals(b.placeCode()) && a.placeMatch() == b.placeMatch()
          && a.placeMatch() == PlaceMatch.HOUSE) {
        return 0;
      }
      if (a.compound() == null || b.compound() == null) {
        return MISSING;
      }
      if (!a.compound().equals(b.compound())) {
        return 3;
      }
      if (a.building() == null || !a.building().equals(b.building())) {
        return 2;
      }
      return a.room() != null && Objects.equals(a.unit(), b.unit()) && a.room().equals(b.room()) ? 0 : 1;
    }
  };

  /**
   * Passport, residence permit or social security number: same; one edit apart (a character
   * changed, added or dropped, or two neighbours swapped: the usual typing slips); different.
   * Numbers of different kinds are not told apart here: a feed maps one kind.
   */
  public static final Comparison<SilverPerson> OTHER_ID_NUMBER = new Levels<>("other_id_number",
      List.of("EXACT", "ONE_EDIT", "DIFFERENT"), SilverPerson::otherIdNumber) {
    @Override
    int level(String a, String b) {
      String x = a.toUpperCase(Locale.ROOT);
      String y = b.toUpperCase(Locale.ROOT);
      if (x.equals(y)) {
        return 0;
      }
      return ONE_EDIT.apply(x, y) == 1 || isAdjacentTransposition(x, y) ? 1 : 2;
    }
  };

  /** A comparison of one text value per record, missing when either is null or blank. */
  private abstract static class Levels<R> implements Comparison<R> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final List<String> levels;
    private final SerializableFunction<R, String> value;

    Levels(String name, List<String> levels, SerializableFunction<R, String> value) {
      this.name = name;
      this.levels = List.copyOf(levels);
      this.value = value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> levels() {
      return levels;
    }

    @Override
    public int compare(R a, R b) {
      String x = value.apply(a);
      String y = value.apply(b);
      return x == null || y == null || x.isBlank() || y.isBlank() ? MISSING : level(x, y);
    }

    abstract int level(String a, String b);
  }

  interface SerializableFunction<T, R> extends Function<T, R>, java.io.Serializable {}

  /** Positions where two texts of equal length differ; MAX_VALUE for different lengths. */
  static int differingPositions(String a, String b) {
    if (a.length() != b.length()) {
      return Integer.MAX_VALUE;
    }
    int n = 0;
    for (int i = 0; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code b} is {@code a} with exactly two neighbouring characters swapped. */
  static boolean isAdjacentTransposition(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    int i = 0;
    while (i < a.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
        && a.substring(i + 2).equals(b.substring(i + 2));
  }

  private static String upgradedOrNull(String id15) {
    try {
      return CitizenIdNumber.upgrade15(id15);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

}
