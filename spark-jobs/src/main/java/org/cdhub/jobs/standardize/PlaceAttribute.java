package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import org.cdhub.model.contract.FieldFormat;

/** The silver.place attributes a contract field can map to ({@code maps_to}). */
public enum PlaceAttribute implements EntityAttribute {
  CODE(AttributeSpec.of("code", EnumSet.of(FieldFormat.CODE))),
  NAME(AttributeSpec.of("name", EnumSet.of(FieldFormat.TEXT))),
  ADDRESS(AttributeSpec.of("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT))),
  COMMUNITY_CODE(AttributeSpec.of("community_code", EnumSet.of(FieldFormat.CODE))),
  /** The grid (网格) the place lies in: 15 digits, the community code and 3 digits. */
  GRID_CODE(AttributeSpec.of("grid_code", EnumSet.of(FieldFormat.CODE))),
  COMPOUND(AttributeSpec.of("compound", EnumSet.of(FieldFormat.TEXT))),
  BUILDING(AttributeSpec.of("building", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE))),
  UNIT(AttributeSpec.of("unit", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE))),
  ROOM(AttributeSpec.of("room", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE))),
  MANAGER_CREDIT_CODE(AttributeSpec.of("manager_credit_code", EnumSet.of(FieldFormat.CREDIT_CODE))),
  MANAGER_NAME(AttributeSpec.of("manager_name", EnumSet.of(FieldFormat.TEXT))),
  OWNER_NAME(AttributeSpec.of("owner_name", EnumSet.of(FieldFormat.TEXT, FieldFormat.CHINESE_NAME))),
  /** A citizen ID number or, for a company owner, a credit code. */
  OWNER_ID_NUMBER(AttributeSpec.identity("owner_id_number", EnumSet.of(FieldFormat.TEXT, FieldFormat.CITIZEN_ID, FieldFormat.CREDIT_CODE))),
  OWNER_PHONE(AttributeSpec.of("owner_phone", EnumSet.of(FieldFormat.MOBILE)));

  private final AttributeSpec spec;

  PlaceAttribute(AttributeSpec spec) {
    this.spec = spec;
  }

  @Override
  public AttributeSpec spec() {
    return spec;
  }
}
