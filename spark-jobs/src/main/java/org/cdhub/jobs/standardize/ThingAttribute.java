package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/** The silver.thing attributes a contract field can map to ({@code maps_to}). */
public enum ThingAttribute implements EntityAttribute {
  IDENTIFIER("identifier", EnumSet.of(FieldFormat.CODE)),
  THING_TYPE("thing_type", EnumSet.of(FieldFormat.CODE, FieldFormat.TEXT)),
  DESCRIPTION("description", EnumSet.of(FieldFormat.TEXT)),
  COMPOUND("compound", EnumSet.of(FieldFormat.TEXT)),
  ADDRESS("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT)),
  COMMUNITY_CODE("community_code", EnumSet.of(FieldFormat.CODE));

  private final String key;
  private final Set<FieldFormat> formats;
  private final Set<String> aliases;

  ThingAttribute(String key, Set<FieldFormat> formats, String... aliases) {
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
    return false;
  }
}
