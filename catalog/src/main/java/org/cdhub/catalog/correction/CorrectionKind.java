package org.cdhub.catalog.correction;

/** What a community correction says is wrong with a master person, and the value it needs. */
public enum CorrectionKind {
  /** A wrong phone: the value is the right 11-digit mobile number. */
  PHONE(true),
  /** Moved within the city: the value is the new address. */
  ADDRESS(true),
  /** Moved out of the city: no value. */
  MOVED_OUT(false),
  /** Deceased: no value. */
  DECEASED(false);

  private final boolean needsValue;

  CorrectionKind(boolean needsValue) {
    this.needsValue = needsValue;
  }

  /** Whether a correction of this kind carries a value (the phone or the address). */
  public boolean needsValue() {
    return needsValue;
  }
}
