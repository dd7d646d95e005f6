package org.cdhub.jobs.standardize;

import java.io.Serializable;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;

/** PLACEHOLDER until h/entities lands. */
public record FeedMapping(String feed, EntityType entity, int trustRank, PersonFieldMapping person) implements Serializable {
  public java.util.List<String> fieldNames() {
    return person.fields().stream().map(PersonFieldMapping.FieldRule::name).toList();
  }

  public static FeedMapping of(SourceContract c) {
    return new FeedMapping(c.feed(), c.entity(), c.trustRank(), c.entity() == EntityType.PERSON ? PersonFieldMapping.of(c) : null);
  }
}
