package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cdhub.jobs.merge.AttributeVotes.Source;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterThing;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverThing;

/**
 * Golden organizations, things and events from their resolved source records, attribute by
 * attribute with the survivorship policy; provenance per attribute as for persons.
 */
public final class GoldEntityBuilders implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String UNKNOWN_TYPE = "UNKNOWN";

  private final Map<EntityType, TrustRanks> trust;
  private final SurvivorshipPolicy policy;

  public GoldEntityBuilders(Map<EntityType, TrustRanks> trust, SurvivorshipPolicy policy) {
    this.trust = Map.copyOf(requireNonNull(trust, "trust is null"));
    this.policy = requireNonNull(policy, "policy is null");
  }

  public MasterOrganization organization(String masterId, List<ResolvedRecord<SilverOrganization>> records, Instant updatedAt) {
    AttributeVotes<ResolvedRecord<SilverOrganization>> v = votes(EntityType.ORGANIZATION, records,
        r -> source(r, r.silver().sourceSystem(), r.silver().sourceRecordId(), r.silver().trustRank(), r.silver().ingestedAt()));
    return new MasterOrganization(
        masterId,
        v.choose("credit_code", r -> r.silver().creditCode()),
        v.choose("name", r -> r.silver().name()),
        v.choose("org_type", r -> r.silver().orgType()),
        v.choose("legal_representative", r -> r.silver().legalRepresentative()),
        v.choose("address", r -> r.silver().addressRaw()),
        v.choose("place_id", ResolvedRecord::placeId),
        v.choose("community_code", r -> r.silver().communityCode()),
        v.provenance(),
        updatedAt);
  }

  public MasterThing thing(String masterId, List<ResolvedRecord<SilverThing>> records, Instant updatedAt) {
    AttributeVotes<ResolvedRecord<SilverThing>> v = votes(EntityType.THING, records,
        r -> source(r, r.silver().sourceSystem(), r.silver().sourceRecordId(), r.silver().trustRank(), r.silver().ingestedAt()));
    String type = v.choose("thing_type", r -> r.silver().thingType());
    return new MasterThing(
        masterId,
        type == null ? UNKNOWN_TYPE : type,
        v.choose("identifier", r -> r.silver().identifier()),
        v.choose("description", r -> r.silver().description()),
        v.choose("place_id", ResolvedRecord::placeId),
        v.choose("community_code", r -> r.silver().communityCode()),
        null,
        v.provenance(),
        updatedAt);
  }

  public MasterEvent event(String masterId, List<ResolvedRecord<SilverEvent>> records, Instant updatedAt) {
    AttributeVotes<ResolvedRecord<SilverEvent>> v = votes(EntityType.EVENT, records,
        r -> source(r, r.silver().sourceSystem(), r.silver().sourceRecordId(), r.silver().trustRank(), r.silver().ingestedAt()));
    String type = v.choose("event_type", r -> r.silver().eventType());
    TreeSet<String> persons = new TreeSet<>();
    for (ResolvedRecord<SilverEvent> r : records) {
      if (r.personId() != null) {
        persons.add(r.personId());
      }
    }
    return new MasterEvent(
        masterId,
        type == null ? UNKNOWN_TYPE : type,
        v.choose("source_event_id", r -> r.silver().sourceEventId()),
        v.choose("occurred_at", r -> r.silver().occurredAt()),
        v.choose("status", r -> r.silver().status()),
        v.choose("place_id", ResolvedRecord::placeId),
        v.choose("community_code", r -> r.silver().communityCode()),
        v.choose("description", r -> r.silver().description()),
        List.copyOf(persons),
        v.provenance(),
        updatedAt);
  }

  private <R extends Record> AttributeVotes<ResolvedRecord<R>> votes(EntityType entity, List<ResolvedRecord<R>> records,
      java.util.function.Function<ResolvedRecord<R>, Source<ResolvedRecord<R>>> source) {
    TrustRanks ranks = trust.getOrDefault(entity, TrustRanks.of(List.of()));
    return new AttributeVotes<>(entity, records.stream().map(source).toList(), ranks, policy);
  }

  private static <R extends Record> Source<ResolvedRecord<R>> source(ResolvedRecord<R> r, String feed, String recordId, int trust, Instant at) {
    return new Source<>(r, feed, recordId, trust, at, AttributeVotes.completeness(r.silver()));
  }
}
