package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;

/**
 * The mapping of a person feed. Kept only so that StandardizePersonJob compiles until the
 * generic job replaces it: use {@link FeedMapping}.
 *
 * @param mapping the feed's mapping, entity PERSON
 */
@Deprecated
public record PersonFieldMapping(FeedMapping mapping) implements Serializable {
  private static final long serialVersionUID = 2L;

  public PersonFieldMapping {
    requireNonNull(mapping, "mapping is null");
    if (mapping.entity() != EntityType.PERSON) {
      throw new IllegalArgumentException("Cannot standardize feed " + mapping.feed() + " as persons: its entity is " + mapping.entity());
    }
  }

  public static PersonFieldMapping of(SourceContract contract) {
    requireNonNull(contract, "contract is null");
    if (contract.entity() != EntityType.PERSON) {
      throw new IllegalArgumentException("Cannot standardize feed " + contract.feed() + " as persons: its entity is " + contract.entity());
    }
    return new PersonFieldMapping(FeedMapping.of(contract));
  }

  public String feed() {
    return mapping.feed();
  }

  public int trustRank() {
    return mapping.trustRank();
  }

  public List<FeedMapping.FieldRule> fields() {
    return mapping.fields();
  }
}
