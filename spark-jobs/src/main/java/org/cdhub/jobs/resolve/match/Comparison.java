package org.cdhub.jobs.resolve.match;

import java.io.Serializable;
import java.util.List;

/**
 * How one attribute of two records agrees, as one of a few ordered levels: the first is the
 * strongest agreement, the last is plain disagreement. A pair where either side lacks the
 * attribute has no level ({@link #MISSING}) and neither supports nor opposes a match.
 *
 * @param <R> the compared record
 */
public interface Comparison<R> extends Serializable {
  /** Level of a pair where either value is absent. */
  int MISSING = -1;

  /** The attribute, as evidence names it (e.g. {@code id_number}). */
  String name();

  /** Level names, strongest agreement first, disagreement last. */
  List<String> levels();

  /** The pair's level: an index into {@link #levels()}, or {@link #MISSING}. */
  int compare(R a, R b);
}
