package org.cdhub.model.entity;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** A typed edge between two master records (gold.relationship). */
@Doc("Relationships between master records: lives_in, owns, manages, installed_at, involves")
public record Relationship(
    @Required @Doc("Edge type") RelationshipType relationshipType,
    @Required @Doc("Master id the edge starts at") String fromId,
    @Required @Doc("Master id the edge ends at") String toId,
    @Doc("Feed that evidenced the edge") String sourceSystem,
    @Doc("Record that evidenced the edge") String sourceRecordId,
    @Doc("Since when the edge holds, if known") Instant validFrom,
    @Required @Doc("When the merge job wrote the edge") Instant updatedAt) {}
