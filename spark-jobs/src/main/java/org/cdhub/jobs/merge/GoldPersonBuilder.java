package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdhub.jobs.merge.AttributeVotes.Source;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;

/**
 * Builds one golden person from the evidence of its source records, attribute by attribute
 * with {@link Survivorship} under the {@link SurvivorshipPolicy}, recording per attribute which
 * feed, record and rule gave the value, and per key-population tag where it came from
 * ({@link KeyPopulations}). Plain Java, run on the executors once per master.
 */
public final class GoldPersonBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String GRID_OF_HOUSE = "merge:house_id:GRID_OF_HOUSE";

  private final TrustRanks trust;
  private final SurvivorshipPolicy policy;

  public GoldPersonBuilder(TrustRanks trust) {
    this(trust, SurvivorshipPolicy.bundled());
  }

  public GoldPersonBuilder(TrustRanks trust, SurvivorshipPolicy policy) {
    this.trust = requireNonNull(trust, "trust is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  public MasterPerson build(String masterId, List<PersonEvidence> records, Instant updatedAt) {
    return build(masterId, records, updatedAt, LocalDate.ofInstant(updatedAt, PersonEvidence.ZONE));
  }

  /** @param today the date ages are computed on (minors, elderly) */
  public MasterPerson build(String masterId, List<PersonEvidence> records, Instant updatedAt, LocalDate today) {
    requireNonNull(masterId, "masterId is null");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("Cannot merge master " + masterId + ": no source records");
    }
    AttributeVotes<PersonEvidence> votes = new AttributeVotes<>(EntityType.PERSON, records.stream()
        .map(r -> new Source<>(r, r.sourceSystem(), r.sourceRecordId(), r.trustRank(), r.ingestedAt(), r.completeness()))
        .toList(), trust, policy);
    String idNumber = votes.choose("id_number", PersonEvidence::idNumber);
    String otherIdNumber = votes.choose("other_id_number", PersonEvidence::otherIdNumber);
    // name and its pinyin travel together: both from the record whose name survives
    Optional<PersonEvidence> nameSource = votes.pickSource("name", PersonEvidence::name).map(Source::record);
    String sexName = votes.choose("sex", e -> Sex.UNKNOWN.name().equals(e.sex()) ? null : e.sex());
    LocalDate birthDate = votes.choose("birth_date", PersonEvidence::birthDate);
    String phone = votes.choose("phone", PersonEvidence::phone);
    String address = votes.choose("address", PersonEvidence::address);
    // the grid is the grid of the surviving house, not a vote of its own
    Optional<PersonEvidence> houseSource = votes.pickSource("house_id", PersonEvidence::houseId).map(Source::record);
    String houseId = houseSource.map(PersonEvidence::houseId).orElse(null);
    String gridCode = houseSource.map(PersonEvidence::houseGridCode).orElse(null);
    String communityCode = votes.choose("community_code", PersonEvidence::communityCode);
    String status = votes.choose("status", PersonEvidence::status);
    String districtCode = PlaceHierarchy.districtOf(communityCode);
    if (districtCode != null) {
      votes.provenance("district_code", votes.provenance().get("community_code"));
    }
    if (gridCode != null) {
      votes.provenance("grid_code", GRID_OF_HOUSE);
    }
    Map<String, String> provenance = votes.provenance();
    List<KeyPopulations.Assertion> assertions = new ArrayList<>();
    for (PersonEvidence r : records) {
      for (String tag : r.tags()) {
        assertions.add(new KeyPopulations.Assertion(tag, r.sourceSystem(), r.sourceRecordId(),
            trust.of(r.sourceSystem(), "tag_" + tag.toLowerCase(java.util.Locale.ROOT), r.trustRank()), r.ingestedAt()));
      }
    }
    List<String> tags = KeyPopulations.tags(assertions, birthDate, today, provenance);
    return new MasterPerson(
        masterId,
        idNumber,
        otherIdNumber,
        nameSource.map(PersonEvidence::name).orElse(null),
        nameSource.map(PersonEvidence::namePinyin).orElse(null),
        sexName == null ? Sex.UNKNOWN : Sex.valueOf(sexName),
        birthDate,
        phone,
        address,
        houseId,
        districtCode,
        communityCode,
        gridCode,
        tags,
        PersonStatus.ofStored(status),
        provenance,
        records.size(),
        updatedAt);
  }
}
