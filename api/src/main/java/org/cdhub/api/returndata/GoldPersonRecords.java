package org.cdhub.api.returndata;

import java.util.Optional;

/** One golden person with its edges and source records, read from gold.person, gold.relationship and gold.xref. */
public interface GoldPersonRecords {
  /**
   * The person with this master id at the tables' current snapshots, if any.
   *
   * @throws DatasetUnavailableException if gold.person does not exist
   */
  Optional<PersonRecord> find(String masterId);
}
