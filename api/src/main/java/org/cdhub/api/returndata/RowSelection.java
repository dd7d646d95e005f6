package org.cdhub.api.returndata;

import java.util.function.Predicate;

/**
 * The filters of one list request and the rows they select. Filters by building or grid are
 * answered from gold.place's hierarchy, pinned like the list's own table.
 *
 * @param <T> the list's row type
 */
interface RowSelection<T> {
  /** The filters as a cursor carries them. */
  ListFilters filters();

  /** Whether {@link #predicate} needs gold.place's hierarchy. */
  boolean usesPlaces();

  /**
   * The rows selected; null selects all.
   *
   * @param places gold.place at the pinned snapshot when {@link #usesPlaces()}, else null
   */
  Predicate<? super T> predicate(PlaceProjection places);
}
