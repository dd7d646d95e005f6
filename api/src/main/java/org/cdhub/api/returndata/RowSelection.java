package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
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

  /** A selection from its parts; {@code predicate} is given the hierarchy as {@link #predicate} is. */
  static <T> RowSelection<T> of(ListFilters filters, boolean usesPlaces,
      Function<PlaceProjection, Predicate<? super T>> predicate) {
    requireNonNull(filters, "filters is null");
    requireNonNull(predicate, "predicate is null");
    return new RowSelection<>() {
      @Override
      public ListFilters filters() {
        return filters;
      }

      @Override
      public boolean usesPlaces() {
        return usesPlaces;
      }

      @Override
      public Predicate<? super T> predicate(PlaceProjection places) {
        return predicate.apply(places);
      }
    };
  }
}
