package org.cdhub.jobs.resolve.match;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.SilverPerson;

/** Silver persons for matching tests: only what the comparisons read is set. */
record TestPersons(String id, String name, String pinyin, String birth, Sex sex, String phone,
    String compound, String building, String unit, String room, String otherId) {

  static TestPersons person() {
    return new TestPersons(null, "王伟", "wang wei", "1980-05-12", Sex.MALE, "13800001111", "丽景湾小区", "3", "2", "501", null);
  }

  TestPersons id(String v) {
    return new TestPersons(v, name, pinyin, birth, sex, phone, compound, building, unit, room, otherId);
  }

  TestPersons name(String v, String p) {
    return new TestPersons(id, v, p, birth, sex, phone, compound, building, unit, room, otherId);
  }

  TestPersons birth(String v) {
    return new TestPersons(id, name, pinyin, v, sex, phone, compound, building, unit, room, otherId);
  }

  TestPersons sex(Sex v) {
    return new TestPersons(id, name, pinyin, birth, v, phone, compound, building, unit, room, otherId);
  }

  TestPersons phone(String v) {
    return new TestPersons(id, name, pinyin, birth, sex, v, compound, building, unit, room, otherId);
  }

  TestPersons address(String c, String b, String u, String r) {
    return new TestPersons(id, name, pinyin, birth, sex, phone, c, b, u, r, otherId);
  }

  TestPersons otherId(String v) {
    return new TestPersons(id, name, pinyin, birth, sex, phone, compound, building, unit, room, v);
  }

  SilverPerson silver() {
    return new SilverPerson("test", "r-" + System.identityHashCode(this), "b1", id, otherId, name, pinyin, sex,
        birth == null ? null : LocalDate.parse(birth), phone, null, null, null, null, compound, building, unit, room,
        null, null, PlaceMatch.UNMATCHED, null, List.of(), null, List.of(), 50, Instant.EPOCH);
  }
}
