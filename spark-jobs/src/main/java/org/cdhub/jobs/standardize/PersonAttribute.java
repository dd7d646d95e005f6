package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/**
 * The silver.person attributes a contract field can map to ({@code maps_to}), each with the
 * field formats that make sense for it. A mismatch is a contract error, not a bad row.
 */
public enum PersonAttribute implements EntityAttribute {
  ID_NUMBER("id_number", EnumSet.of(FieldFormat.CITIZEN_ID)),
  NAME("name", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT)),
  SEX("sex", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)),
  BIRTH_DATE("birth_date", EnumSet.of(FieldFormat.DATE)),
  PHONE("phone", EnumSet.of(FieldFormat.MOBILE)),
  ADDRESS("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT)),
  COMMUNITY_CODE("community_code", EnumSet.of(FieldFormat.CODE)),
  HOUSEHOLD_NO("household_no", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)),
  /** A list of population groups (health archives' 重点人群分类), some of which are key-population tags. */
  TAGS("tags", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT));

  private final String key;
  private final Set<FieldFormat> formats;

  PersonAttribute(String key, Set<FieldFormat> formats) {
    this.key = key;
    this.formats = formats;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean strict() {
    return this == ID_NUMBER;
  }

  @Override
  public Set<FieldFormat> formats() {
    return formats;
  }

  /** The attribute for a {@code maps_to} value, or null when silver.person has no such attribute. */
  public static PersonAttribute forKey(String mapsTo) {
    for (PersonAttribute a : values()) {
      if (a.key.equals(mapsTo)) {
        return a;
      }
    }
    return null;
  }
}
