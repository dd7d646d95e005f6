package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/** The silver.place attributes a contract field can map to ({@code maps_to}). */
public enum PlaceAttribute implements EntityAttribute {
  CODE("code", EnumSet.of(FieldFormat.CODE)),
  NAME("name", EnumSet.of(FieldFormat.TEXT)),
  ADDRESS("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT)),
  COMMUNITY_CODE("community_code", EnumSet.of(FieldFormat.CODE)),
  COMPOUND("compound", EnumSet.of(FieldFormat.TEXT)),
  BUILDING("building", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE)),
  UNIT("unit", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE)),
  ROOM("room", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE)),
  MANAGER_CREDIT_CODE("manager_credit_code", EnumSet.of(FieldFormat.CREDIT_CODE)),
  MANAGER_NAME("manager_name", EnumSet.of(FieldFormat.TEXT)),
  OWNER_NAME("owner_name", EnumSet.of(FieldFormat.TEXT, FieldFormat.CHINESE_NAME)),
  /** A citizen ID number or, for a company owner, a credit code. */
  OWNER_ID_NUMBER("owner_id_number", EnumSet.of(FieldFormat.TEXT, FieldFormat.CITIZEN_ID, FieldFormat.CREDIT_CODE)),
  OWNER_PHONE("owner_phone", EnumSet.of(FieldFormat.MOBILE));

  private final String key;
  private final Set<FieldFormat> formats;
  private final Set<String> aliases;

  PlaceAttribute(String key, Set<FieldFormat> formats, String... aliases) {
    this.key = key;
    this.formats = formats;
    this.aliases = Set.of(aliases);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Set<String> aliases() {
    return aliases;
  }

  @Override
  public Set<FieldFormat> formats() {
    return formats;
  }

  @Override
  public boolean strict() {
    return this == OWNER_ID_NUMBER;
  }
}
