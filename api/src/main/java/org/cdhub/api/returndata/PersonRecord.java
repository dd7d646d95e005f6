package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.entity.SourceXref;

/**
 * One golden person as stored, with the edges that start or end at it and the source records
 * merged into it. Personal fields are raw: callers mask them.
 */
public record PersonRecord(MasterPerson person, List<Relationship> relationships, List<SourceXref> sourceRecords) {
  public PersonRecord {
    requireNonNull(person, "person is null");
    relationships = List.copyOf(requireNonNull(relationships, "relationships is null"));
    sourceRecords = List.copyOf(requireNonNull(sourceRecords, "sourceRecords is null"));
  }
}
