package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Predicate;
import org.cdhub.model.entity.MasterPerson;

/**
 * The filters of a roster request; each given filter must hold (AND), any value of a repeated
 * one may (OR). A key-population list is the roster with {@code tags}.
 *
 * @param tags key-population tags: persons carrying any of them; empty: no tag filter
 * @param ageBands age bands as {@link PersonMasking#ageBand(LocalDate, LocalDate)} names them; empty: no filter
 * @param building master id of a building: persons whose house lies in it; null: no filter
 * @param grid grid code: persons of that grid; null: no filter
 */
public record RosterFilters(Set<String> tags, Set<String> ageBands, String building, String grid) {
  public static final RosterFilters NONE = new RosterFilters(Set.of(), Set.of(), null, null);

  public RosterFilters {
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    ageBands = ageBands == null ? Set.of() : Set.copyOf(ageBands);
  }

  /** The persons these filters select, with ages counted on {@code today}. */
  RowSelection<MasterPerson> selection(LocalDate today) {
    requireNonNull(today, "today is null");
    ListFilters filters = ListFilters.builder().with("tag", tags).with("ageBand", ageBands).with("building", building)
        .with("grid", grid).build();
    return RowSelection.of(filters, building != null, places -> {
      Predicate<MasterPerson> all = null;
      if (!tags.isEmpty()) {
        all = and(all, p -> p.tags() != null && p.tags().stream().anyMatch(tags::contains));
      }
      if (!ageBands.isEmpty()) {
        all = and(all, p -> ageBands.contains(PersonMasking.ageBand(p.birthDate(), today)));
      }
      if (grid != null) {
        all = and(all, p -> grid.equals(p.gridCode()));
      }
      if (building != null) {
        all = and(all, p -> p.houseId() != null && places.isWithin(p.houseId(), building));
      }
      return all;
    });
  }

  private static <T> Predicate<T> and(Predicate<T> so, Predicate<T> also) {
    return so == null ? also : so.and(also);
  }
}
