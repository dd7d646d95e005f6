package org.cdhub.jobs.standardize;

import java.util.EnumSet;
import org.cdhub.model.contract.FieldFormat;

/** The silver.organization attributes a contract field can map to ({@code maps_to}). */
public enum OrganizationAttribute implements EntityAttribute {
  CREDIT_CODE(AttributeSpec.of("credit_code", EnumSet.of(FieldFormat.CREDIT_CODE))),
  NAME(AttributeSpec.of("name", EnumSet.of(FieldFormat.TEXT))),
  ORG_TYPE(AttributeSpec.of("org_type", EnumSet.of(FieldFormat.TEXT, FieldFormat.CODE))),
  LEGAL_REPRESENTATIVE(AttributeSpec.of("legal_representative", EnumSet.of(FieldFormat.CHINESE_NAME, FieldFormat.TEXT))),
  ADDRESS(AttributeSpec.of("address", EnumSet.of(FieldFormat.ADDRESS, FieldFormat.TEXT))),
  COMMUNITY_CODE(AttributeSpec.of("community_code", EnumSet.of(FieldFormat.CODE)));

  private final AttributeSpec spec;

  OrganizationAttribute(AttributeSpec spec) {
    this.spec = spec;
  }

  @Override
  public AttributeSpec spec() {
    return spec;
  }
}
