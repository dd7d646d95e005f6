package org.cdhub.model.entity;

/**
 * How far down the place hierarchy a silver record's address was matched to places the hub
 * knows (communities, compounds, buildings and houses from the housing feeds). An address that
 * matched nothing is kept, flagged {@link #UNMATCHED}, never dropped.
 */
public enum PlaceMatch {
  HOUSE,
  BUILDING,
  COMPOUND,
  COMMUNITY,
  UNMATCHED
}
