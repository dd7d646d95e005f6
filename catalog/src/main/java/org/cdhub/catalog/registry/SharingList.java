package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.cdhub.model.contract.SharingType;

/**
 * The sharing list (共享清单): which dataset each department may use, under which terms, from the
 * catalog's sharing metadata (the owner's contract for bronze feeds, the hub's rules for silver and
 * gold). The departments are those that provide data to the catalog; a department is not listed
 * for its own datasets. A conditional dataset is shared only on request and, for a district, only
 * with that district's rows; a dataset that is not shared appears with its legal basis.
 *
 * @param district the 6-digit district code the list is for, null for the whole city
 * @param entries one per department and dataset, by department then qualified name
 */
public record SharingList(String district, List<Entry> entries) {
  /** One dataset for one department. */
  public record Entry(String department, Dataset dataset, String scope) {
    public SharingType sharingType() {
      return dataset.sharingType();
    }
  }

  public SharingList {
    entries = List.copyOf(entries);
  }

  /**
   * The list for the city, or for one district of it.
   *
   * @throws IllegalArgumentException if {@code district} is not a district code of the city
   */
  public static SharingList of(List<Dataset> datasets, String district) {
    requireNonNull(datasets, "datasets is null");
    String cityPrefix = DatasetDescriptions.CITY_REGION_CODE.substring(0, 4);
    if (district != null && (!district.matches("\\d{6}") || !district.startsWith(cityPrefix)
        || district.equals(DatasetDescriptions.CITY_REGION_CODE))) {
      throw new IllegalArgumentException("Invalid district '" + district + "': expected the 6-digit code of a district of city "
          + DatasetDescriptions.CITY_REGION_CODE + " (" + cityPrefix + "xx, e.g. " + cityPrefix + "04)");
    }
    TreeSet<String> departments = new TreeSet<>();
    datasets.forEach(d -> departments.add(d.providerDepartment()));
    List<Entry> entries = new ArrayList<>();
    for (String department : departments) {
      for (Dataset d : datasets) {
        if (!d.providerDepartment().equals(department)) {
          entries.add(new Entry(department, d, scope(d, district)));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::department).thenComparing(e -> e.dataset().qualifiedName()));
    return new SharingList(district, entries);
  }

  private static String scope(Dataset d, String district) {
    return switch (d.sharingType()) {
      case NOT_SHARED -> "none";
      case UNCONDITIONAL -> "whole city";
      case CONDITIONAL -> district == null ? "own jurisdiction, on approved request" : "district " + district + " rows, on approved request";
    };
  }

  /** The entries for one department. */
  public List<Entry> forDepartment(String department) {
    return entries.stream().filter(e -> e.department().equals(department)).toList();
  }
}
