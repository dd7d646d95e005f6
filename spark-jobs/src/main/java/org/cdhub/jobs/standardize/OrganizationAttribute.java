package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import java.util.Set;
import org.cdhub.model.contract.FieldFormat;

/** The silver.organization attributes a contract field can map to ({@code maps_to}). */
public enum OrganizationAttribute implements EntityAttribute {
  CREDIT_CODE("credit_code", EnumSet.of(FieldFormat.CREDIT_CODE)),
  NAME("name", EnumSet.of(FieldFormat.TEXT)),
  ORG_TYPE("org_type", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE)),
  LEGAL_REPRESENTATIVE("legal_representative", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT)),
  ADDRESS("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT)),
  COMMUNITY_CODE("community_code", EnumSet.of(FieldFormat.CODE));

  private final String key;
  private final Set<FieldFormat> formats;
  private final Set<String> aliases;

  OrganizationAttribute(String key, Set<FieldFormat> formats, String... aliases) {
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
