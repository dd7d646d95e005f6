package org.cdhub.jobs.resolve.match;

import java.util.ArrayList;
import java.util.List;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;

/**
 * The blocks a person record joins: only records sharing a block are compared. Several keys,
 * each on different attributes, so that a true pair with one attribute wrong still meets in
 * another block, while every block stays small and the number of pairs near-linear.
 */
public final class BlockingKeys {
  /** Shorter other identity numbers left one character short would meet too many others. */
  static final int MIN_OTHER_ID_FOR_EDITS = 6;

  private BlockingKeys() {}

  public static List<String> of(SilverPerson p) {
    List<String> keys = new ArrayList<>(8);
    if (present(p.idNumber())) {
      keys.add("I|" + p.idNumber().toUpperCase(java.util.Locale.ROOT));
    }
    if (present(p.otherIdNumber())) {
      String other = p.otherIdNumber().toUpperCase(java.util.Locale.ROOT);
      keys.add("O|" + other);
      if (other.length() >= MIN_OTHER_ID_FOR_EDITS) {
        // a number one edit away (a character changed, added, dropped or two swapped) shares one of
        // these: the number with one character left out, or the number itself
        for (int i = 0; i < other.length(); i++) {
          String key = "O|" + other.substring(0, i) + other.substring(i + 1);
          if (!keys.contains(key)) {
            keys.add(key);
          }
        }
      }
    }
    if (present(p.namePinyin()) && p.birthDate() != null) {
      keys.add("N|" + p.namePinyin() + "|" + p.birthDate());
    }
    if (present(p.name()) && p.birthDate() != null) {
      // a wrong day or month keeps the year
      keys.add("Y|" + p.name() + "|" + p.birthDate().getYear());
    }
    if (present(p.phone())) {
      keys.add("P|" + p.phone());
    }
    String house = house(p);
    if (house != null) {
      keys.add("H|" + house);
    }
    if (present(p.namePinyin()) && present(p.compound())) {
      // a wrong birth date and no ID number: the same name in the same compound
      keys.add("C|" + p.namePinyin() + "|" + p.compound());
    }
    return keys;
  }

  private static String house(SilverPerson p) {
    if (p.placeMatch() == PlaceMatch.HOUSE && present(p.placeCode())) {
      return p.placeCode();
    }
    if (present(p.compound()) && present(p.building()) && present(p.room())) {
      return p.compound() + "/" + p.building() + "/" + (p.unit() == null ? "" : p.unit()) + "/" + p.room();
    }
    return null;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
