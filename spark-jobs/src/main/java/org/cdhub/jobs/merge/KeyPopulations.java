package org.cdhub.jobs.merge;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdhub.model.entity.MasterPerson;

/**
 * Key-population tags of a golden person and where each came from. A tag a feed asserts
 * (disabled, veteran, subsistence allowance, elderly living alone) names the most trusted
 * asserting record; a derived tag names the attribute and rule it follows from:
 * {@code merge:birth_date:AGE_UNDER_18} for minors, {@code merge:house_id:AGED_60_LIVING_ALONE}
 * for people aged 60 or more who are the only resident of their house.
 */
public final class KeyPopulations {
  public static final String MINOR = "MINOR";
  public static final String ELDERLY_ALONE = "ELDERLY_ALONE";
  public static final String ASSERTED = "ASSERTED";
  static final String PROVENANCE_PREFIX = "tag:";
  static final int ADULT_AGE = 18;
  static final int ELDERLY_AGE = 60;

  private KeyPopulations() {}

  /** One tag asserted by one record. */
  record Assertion(String tag, String sourceSystem, String sourceRecordId, int trust, java.time.Instant ingestedAt) {}

  /** Asserted tags plus MINOR, with a provenance entry each ({@code tag:NAME}). */
  static List<String> tags(List<Assertion> assertions, LocalDate birthDate, LocalDate today, Map<String, String> provenance) {
    TreeSet<String> tags = new TreeSet<>();
    Map<String, Assertion> best = new TreeMap<>();
    Comparator<Assertion> better = Comparator.comparingInt(Assertion::trust).thenComparing(Assertion::ingestedAt)
        .thenComparing(Assertion::sourceSystem, Comparator.reverseOrder()).thenComparing(Assertion::sourceRecordId, Comparator.reverseOrder());
    for (Assertion a : assertions) {
      best.merge(a.tag(), a, (x, y) -> better.compare(x, y) >= 0 ? x : y);
    }
    best.forEach((tag, a) -> {
      tags.add(tag);
      provenance.put(PROVENANCE_PREFIX + tag, a.sourceSystem() + ":" + a.sourceRecordId() + ":" + ASSERTED);
    });
    if (birthDate != null && !birthDate.isAfter(today) && Period.between(birthDate, today).getYears() < ADULT_AGE) {
      tags.add(MINOR);
      provenance.put(PROVENANCE_PREFIX + MINOR, "merge:birth_date:AGE_UNDER_18");
    }
    return new ArrayList<>(tags);
  }

  /**
   * The person with ELDERLY_ALONE added when aged 60 or more on {@code today} and the only
   * resident of their house; unchanged otherwise (or when a feed already asserts it).
   */
  public static MasterPerson withLivingAlone(MasterPerson p, long residentsOfHouse, LocalDate today) {
    if (p.houseId() == null || residentsOfHouse != 1 || p.birthDate() == null || p.tags().contains(ELDERLY_ALONE)
        || p.birthDate().isAfter(today) || Period.between(p.birthDate(), today).getYears() < ELDERLY_AGE) {
      return p;
    }
    TreeSet<String> tags = new TreeSet<>(p.tags());
    tags.add(ELDERLY_ALONE);
    Map<String, String> provenance = new TreeMap<>(p.provenance());
    provenance.put(PROVENANCE_PREFIX + ELDERLY_ALONE, "merge:house_id:AGED_60_LIVING_ALONE");
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(), p.birthDate(), p.phone(), p.address(),
        p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), List.copyOf(tags), p.status(), provenance, p.sourceCount(), p.updatedAt());
  }
}
