package org.cdhub.jobs.resolve.match;

import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.model.entity.SilverPerson;

/**
 * Rules that beat any score. Two different valid ID numbers are two people, however alike the
 * rest. Relatives share a surname, a house and often a phone: such a pair stays apart unless
 * the evidence is strong (the ID number agrees, or the birth date agrees and the names are the
 * same or sound the same), because a household's members would otherwise look like one person;
 * same birth date and merely similar names (twins are named alike) go to review at most.
 */
public final class PersonMatchRules {
  /** Rule name: both records carry valid ID numbers and they differ. */
  public static final String DIFFERENT_VALID_ID_NUMBERS = "DIFFERENT_VALID_ID_NUMBERS";
  /** Rule name: same surname at the same house or phone without strong evidence. */
  public static final String LIKELY_RELATIVES = "LIKELY_RELATIVES";

  private PersonMatchRules() {}

  /** The band after the rules, and the rule that set it (null when the score's band stands). */
  public record Decision(MatchBand band, String rule) {}

  /** What the rules need of a pair beyond its comparison pattern, taken where both records are at hand. */
  public record PairFacts(boolean cannotLink, boolean sameSurname) implements java.io.Serializable {
    public static PairFacts of(SilverPerson a, SilverPerson b) {
      boolean sameSurname = a.name() != null && b.name() != null && !a.name().isEmpty() && !b.name().isEmpty()
          && a.name().codePointAt(0) == b.name().codePointAt(0);
      return new PairFacts(PersonMatchRules.cannotLink(a, b), sameSurname);
    }
  }

  /** Whether two records can never be one person: both have valid ID numbers and they differ. */
  public static boolean cannotLink(SilverPerson a, SilverPerson b) {
    String x = validId(a.idNumber());
    String y = validId(b.idNumber());
    return x != null && y != null && !x.equals(y);
  }

  /** Applies the rules to a pair whose comparison {@code pattern} (in {@link PersonComparisons#all()} order) scored {@code scored}. */
  public static Decision decide(SilverPerson a, SilverPerson b, ComparisonPattern pattern, MatchBand scored) {
    return decide(PairFacts.of(a, b), pattern, scored);
  }

  /** As above, from the pair's facts. */
  public static Decision decide(PairFacts facts, ComparisonPattern pattern, MatchBand scored) {
    if (scored == MatchBand.NON_MATCH) {
      return new Decision(scored, null);
    }
    if (facts.cannotLink()) {
      return new Decision(MatchBand.NON_MATCH, DIFFERENT_VALID_ID_NUMBERS);
    }
    int id = pattern.level(PersonComparisons.ID_NUMBER_INDEX);
    int name = pattern.level(1);
    int birth = pattern.level(2);
    int phone = pattern.level(4);
    int address = pattern.level(5);
    boolean household = facts.sameSurname() && (address == 0 || phone == 0);
    boolean idAgrees = id == 0 || id == 3;
    if (!household || idAgrees) {
      return new Decision(scored, null);
    }
    if (birth == 0 && (name == 0 || name == 1)) {
      return new Decision(scored, null); // a typo or a variant of one person's name
    }
    if (birth == 0 && name == 2) {
      // twins are named alike: a person decides
      return new Decision(MatchBand.REVIEW, scored == MatchBand.REVIEW ? null : LIKELY_RELATIVES);
    }
    return new Decision(MatchBand.NON_MATCH, LIKELY_RELATIVES);
  }

  /** The valid 18-character form of an ID number, or null when it is absent or invalid. */
  public static String validId(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    var checked = CitizenIdNumber.check(raw);
    return checked.valid() ? checked.value().value() : null;
  }
}
