package org.cdhub.model.schema;

/**
 * Sensitivity classes used by contracts, table columns and the catalog (PIPL's split of
 * personal and sensitive personal information, plus two non-personal levels).
 */
public enum Sensitivity {
  PUBLIC,
  INTERNAL,
  PERSONAL,
  SENSITIVE_PERSONAL;

  public boolean isPersonal() {
    return this == PERSONAL || this == SENSITIVE_PERSONAL;
  }
}
