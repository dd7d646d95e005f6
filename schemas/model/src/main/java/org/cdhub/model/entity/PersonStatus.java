package org.cdhub.model.entity;

/**
 * What a feed asserts about whether a person still lives in the city. No assertion (null) reads
 * as a resident: only a departure or a death is ever reported, never a stay.
 */
public enum PersonStatus {
  MOVED_OUT,
  DECEASED;

  /** The status as the lakehouse stores it (the enum name), or null for none. */
  public static PersonStatus ofStored(String stored) {
    return stored == null ? null : valueOf(stored);
  }
}
