package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import org.cdhub.model.entity.PlaceMatch;

/**
 * The most specific known place an address matched.
 *
 * @param placeCode house code (HOUSE), compound code + "-" + building (BUILDING), compound code
 *     (COMPOUND), community code (COMMUNITY); null exactly when UNMATCHED
 * @param level how far down the hierarchy the match went
 * @param communityCode the community the matched place lies in, when known; null when UNMATCHED
 */
public record PlaceMatchResult(String placeCode, PlaceMatch level, String communityCode) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final PlaceMatchResult UNMATCHED = new PlaceMatchResult(null, PlaceMatch.UNMATCHED, null);

  public PlaceMatchResult {
    requireNonNull(level, "level is null");
    if ((placeCode == null) != (level == PlaceMatch.UNMATCHED)) {
      throw new IllegalArgumentException("Invalid place match: place code " + placeCode + " with level " + level);
    }
  }

  /** A match without a known community. */
  public PlaceMatchResult(String placeCode, PlaceMatch level) {
    this(placeCode, level, level == PlaceMatch.COMMUNITY ? placeCode : null);
  }
}
