package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import org.cdhub.model.contract.FieldFormat;

/** The silver.thing attributes a contract field can map to ({@code maps_to}). */
public enum ThingAttribute implements EntityAttribute {
  IDENTIFIER(AttributeSpec.of("identifier", EnumSet.of(FieldFormat.CODE))),
  THING_TYPE(AttributeSpec.of("thing_type", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT))),
  DESCRIPTION(AttributeSpec.of("description", EnumSet.of(FieldFormat.TEXT))),
  COMPOUND(AttributeSpec.of("compound", EnumSet.of(FieldFormat.TEXT))),
  ADDRESS(AttributeSpec.of("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT))),
  COMMUNITY_CODE(AttributeSpec.of("community_code", EnumSet.of(FieldFormat.CODE)));

  private final AttributeSpec spec;

  ThingAttribute(AttributeSpec spec) {
    this.spec = spec;
  }

  @Override
  public AttributeSpec spec() {
    return spec;
  }
}
