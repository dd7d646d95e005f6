package org.cdhub.api.returndata;

/** What happened to a master id within one community between two lakehouse snapshots. */
public enum ChangeType {
  /** New to the community: new to the hub, or moved in from another community. */
  INSERT,
  /** Still in the community, with at least one served field changed. */
  UPDATE,
  /** Absorbed by another master of the community (gold.master_alias names the survivor). */
  MERGE,
  /** Gone from the community: left the hub, moved to another community, or absorbed by a master outside it. */
  DELETE
}
