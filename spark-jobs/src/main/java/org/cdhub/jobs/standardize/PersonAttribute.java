package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import org.cdhub.model.contract.FieldFormat;

/**
 * The silver.person attributes a contract field can map to ({@code maps_to}), each with the
 * field formats that make sense for it. A mismatch is a contract error, not a bad row.
 */
public enum PersonAttribute implements EntityAttribute {
  ID_NUMBER(AttributeSpec.identity("id_number", EnumSet.of(FieldFormat.CITIZEN_ID))),
  /**
   * A passport, residence permit or social security number: an identity number that is not a
   * citizen ID. Standardized as an identifier (no spaces, upper case); compared exactly or one edit apart.
   */
  OTHER_ID_NUMBER(AttributeSpec.of("other_id_number", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  NAME(AttributeSpec.of("name", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT))),
  /** With {@link #GIVEN_NAME}, for sources that keep the name in two fields: composed into {@code name}. */
  SURNAME(AttributeSpec.of("surname", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT))),
  GIVEN_NAME(AttributeSpec.of("given_name", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT))),
  SEX(AttributeSpec.of("sex", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  BIRTH_DATE(AttributeSpec.of("birth_date", EnumSet.of(FieldFormat.DATE))),
  PHONE(AttributeSpec.of("phone", EnumSet.of(FieldFormat.MOBILE))),
  /** One field, or several (street number, street, suburb, postcode, ...) joined in contract order. */
  ADDRESS(AttributeSpec.composable("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT))),
  COMMUNITY_CODE(AttributeSpec.of("community_code", EnumSet.of(FieldFormat.CODE))),
  HOUSEHOLD_NO(AttributeSpec.of("household_no", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  /**
   * A {@link org.cdhub.model.entity.PersonStatus} name: the person moved out of the city or died.
   * Strict: a report of a death that cannot be read rejects the row rather than pass as no report.
   */
  STATUS(new AttributeSpec("status", EnumSet.of(FieldFormat.CODE), java.util.Set.of(), true, false)),
  /** A list of population groups (health archives' 重点人群分类), some of which are key-population tags. */
  TAGS(AttributeSpec.of("tags", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)));

  private final AttributeSpec spec;

  PersonAttribute(AttributeSpec spec) {
    this.spec = spec;
  }

  @Override
  public AttributeSpec spec() {
    return spec;
  }

  /** The attribute for a {@code maps_to} value, or null when silver.person has no such attribute. */
  public static PersonAttribute forKey(String mapsTo) {
    for (PersonAttribute a : values()) {
      if (a.key().equals(mapsTo)) {
        return a;
      }
    }
    return null;
  }
}
