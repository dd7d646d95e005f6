package org.cdhub.citygen;

import java.util.ArrayList;
import java.util.List;
import org.cdhub.citygen.Person.Relation;
import org.cdhub.kernel.Sex;

/**
 * Household compositions and their shares, tuned so the city's age structure looks like
 * Yinchuan's (about a fifth children, a sixth aged 60 or over, 8% of households an elderly
 * person living alone).
 */
enum HouseholdShape {
  SINGLE_YOUNG(0.08),
  COUPLE(0.13),
  COUPLE_WITH_CHILDREN(0.35),
  THREE_GENERATIONS(0.11),
  ELDERLY_COUPLE(0.12),
  ELDERLY_ALONE(0.08),
  SINGLE_PARENT(0.05),
  COUPLE_WITH_ADULT_CHILD(0.08);

  private static final double[] WEIGHTS = java.util.Arrays.stream(values()).mapToDouble(s -> s.share).toArray();
  /** Twins share surname, birth date, address and phone: the hardest relatives to tell apart. */
  static final double TWIN_RATE = 0.015;

  final double share;

  HouseholdShape(double share) {
    this.share = share;
  }

  /**
   * One member before names and numbers are drawn: head first. {@code surnameOf} is the index of
   * the member whose surname this one carries, or -1 for a surname of their own.
   */
  record Member(Relation relation, Sex sex, int age, int surnameOf, boolean twinOfPrevious) {}

  static HouseholdShape pick(CityRandom rng) {
    return values()[rng.weighted(WEIGHTS)];
  }

  List<Member> members(CityRandom rng) {
    List<Member> m = new ArrayList<>();
    switch (this) {
      case SINGLE_YOUNG -> m.add(new Member(Relation.HEAD, sex(rng, 0.55), rng.between(20, 39), -1, false));
      case COUPLE -> couple(rng, m, rng.between(23, 58));
      case COUPLE_WITH_CHILDREN -> {
        couple(rng, m, rng.between(26, 52));
        int kids = rng.weighted(new double[] {0.55, 0.38, 0.07}) + 1;
        children(rng, m, father(m), mother(m), kids, 22, Relation.CHILD);
      }
      case THREE_GENERATIONS -> threeGenerations(rng, m);
      case ELDERLY_COUPLE -> couple(rng, m, rng.between(60, 92));
      case ELDERLY_ALONE -> m.add(new Member(Relation.HEAD, sex(rng, 0.35), (int) rng.gaussian(74, 8, 60, 98), -1, false));
      case SINGLE_PARENT -> {
        Sex sex = sex(rng, 0.3);
        int age = rng.between(28, 50);
        m.add(new Member(Relation.HEAD, sex, age, -1, false));
        int kids = rng.chance(0.7) ? 1 : 2;
        for (int k = 0; k < kids; k++) {
          // children of a single mother mostly carry their father's surname
          int surnameOf = sex == Sex.MALE || rng.chance(0.2) ? 0 : (k == 0 ? -1 : 1);
          int kidAge = rng.between(0, Math.min(18, age - 20));
          m.add(new Member(Relation.CHILD, sex(rng, 0.5), kidAge, surnameOf, false));
        }
      }
      case COUPLE_WITH_ADULT_CHILD -> {
        couple(rng, m, rng.between(48, 66));
        int childAge = rng.between(18, Math.min(32, m.get(mother(m)).age() - 20));
        m.add(new Member(Relation.CHILD, sex(rng, 0.5), childAge, father(m), false));
      }
      default -> throw new IllegalStateException("Cannot compose household: unknown shape " + this);
    }
    return m;
  }

  private static void couple(CityRandom rng, List<Member> m, int husbandAge) {
    int wifeAge = Math.max(20, husbandAge - (int) Math.round(rng.gaussian(2, 3, -6, 10)));
    Member husband = new Member(Relation.HEAD, Sex.MALE, husbandAge, -1, false);
    Member wife = new Member(Relation.SPOUSE, Sex.FEMALE, wifeAge, -1, false);
    if (rng.chance(0.85)) {
      m.add(husband);
      m.add(wife);
    } else {
      m.add(new Member(Relation.HEAD, Sex.FEMALE, wifeAge, -1, false));
      m.add(new Member(Relation.SPOUSE, Sex.MALE, husbandAge, -1, false));
    }
  }

  private static void threeGenerations(CityRandom rng, List<Member> m) {
    int grandfatherAge = rng.between(60, 88);
    int grandmotherAge = Math.max(56, grandfatherAge - (int) Math.round(rng.gaussian(2, 3, -5, 8)));
    boolean widowed = rng.chance(0.3);
    boolean grandmotherOnly = widowed && rng.chance(0.7);
    int sonAge = Math.max(26, Math.min(50, grandmotherAge - rng.between(22, 34)));
    int daughterInLawAge = Math.max(24, sonAge - rng.between(-2, 5));
    boolean grandparentIsHead = rng.chance(0.4);
    if (grandparentIsHead) {
      // head: grandparent; the son is CHILD, his wife OTHER (in-law), their children GRANDCHILD
      if (!grandmotherOnly) {
        m.add(new Member(Relation.HEAD, Sex.MALE, grandfatherAge, -1, false));
      }
      if (!widowed || grandmotherOnly) {
        m.add(new Member(m.isEmpty() ? Relation.HEAD : Relation.SPOUSE, Sex.FEMALE, grandmotherAge, -1, false));
      }
      int son = m.size();
      m.add(new Member(Relation.CHILD, Sex.MALE, sonAge, grandmotherOnly ? -1 : 0, false));
      int wife = m.size();
      m.add(new Member(Relation.OTHER, Sex.FEMALE, daughterInLawAge, -1, false));
      children(rng, m, son, wife, rng.chance(0.6) ? 1 : 2, 18, Relation.GRANDCHILD);
    } else {
      m.add(new Member(Relation.HEAD, Sex.MALE, sonAge, -1, false));
      m.add(new Member(Relation.SPOUSE, Sex.FEMALE, daughterInLawAge, -1, false));
      children(rng, m, 0, 1, rng.chance(0.6) ? 1 : 2, 18, Relation.CHILD);
      if (!grandmotherOnly) {
        m.add(new Member(Relation.PARENT, Sex.MALE, grandfatherAge, 0, false));
      }
      if (!widowed || grandmotherOnly) {
        m.add(new Member(Relation.PARENT, Sex.FEMALE, grandmotherAge, -1, false));
      }
    }
  }

  private static void children(CityRandom rng, List<Member> m, int father, int mother, int count, int maxAge, Relation relation) {
    int motherAge = m.get(mother).age();
    int oldest = Math.min(maxAge, motherAge - 21);
    int youngest = Math.max(0, motherAge - 40);
    for (int k = 0; k < count; k++) {
      int age = oldest < 0 ? 0 : rng.between(Math.min(youngest, oldest), oldest);
      m.add(new Member(relation, sex(rng, 0.51), age, father, false));
      if (rng.chance(TWIN_RATE)) {
        m.add(new Member(relation, sex(rng, 0.51), age, father, true));
      }
    }
  }

  private static int father(List<Member> m) {
    return m.get(0).sex() == Sex.MALE ? 0 : 1;
  }

  private static int mother(List<Member> m) {
    return m.get(0).sex() == Sex.FEMALE ? 0 : 1;
  }

  private static Sex sex(CityRandom rng, double male) {
    return rng.chance(male) ? Sex.MALE : Sex.FEMALE;
  }
}
