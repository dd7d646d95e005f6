package org.cdhub.api.returndata;

import java.util.Map;
import java.util.Set;

/** Retired master ids and the masters that absorbed them (gold.master_alias), as currently stored. */
public interface MasterAliasRepository {
  /**
   * The current survivor of each of the given person master ids that was absorbed by a merge;
   * ids that are not aliases are left out. The merge job re-points an alias when its survivor
   * is absorbed in turn, so the survivor is always a live master id.
   */
  Map<String, String> survivorsOfPersons(Set<String> masterIds);
}
