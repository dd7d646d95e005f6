package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.cdhub.jobs.merge.AttributeVotes.Source;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;

/** Builds one golden place from the facts its records state about its position in the hierarchy. */
public final class GoldPlaceBuilder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TrustRanks trust;
  private final SurvivorshipPolicy policy;

  public GoldPlaceBuilder(TrustRanks trust, SurvivorshipPolicy policy) {
    this.trust = requireNonNull(trust, "trust is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  public MasterPlace build(String placeKey, List<PlaceFact> facts, Instant updatedAt) {
    requireNonNull(placeKey, "placeKey is null");
    AttributeVotes<PlaceFact> votes = new AttributeVotes<>(EntityType.PLACE, facts.stream()
        .map(f -> new Source<>(f, f.sourceSystem(), f.sourceRecordId(), f.trustRank(), f.ingestedAt(), f.completeness()))
        .toList(), trust, policy);
    String communityCode = votes.choose("community_code", PlaceFact::communityCode);
    String parentKey = votes.choose("parent_id", PlaceFact::parentKey);
    String districtCode = PlaceHierarchy.districtOf(communityCode);
    if (districtCode != null) {
      votes.provenance("district_code", votes.provenance().get("community_code"));
    }
    return new MasterPlace(
        PlaceHierarchy.masterId(placeKey),
        PlaceType.valueOf(facts.get(0).placeType()),
        votes.choose("code", PlaceFact::code),
        votes.choose("name", PlaceFact::name),
        parentKey == null ? null : PlaceHierarchy.masterId(parentKey),
        votes.choose("address", PlaceFact::address),
        districtCode,
        communityCode,
        null,
        votes.provenance(),
        updatedAt);
  }
}
