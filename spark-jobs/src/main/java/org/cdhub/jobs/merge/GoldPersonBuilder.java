package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.cdhub.jobs.merge.Survivorship.Candidate;
import org.cdhub.jobs.merge.Survivorship.Pick;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;

/**
 * Builds one golden person from the evidence of its source records, attribute by attribute
 * with {@link Survivorship}, recording per attribute which feed, record and rule gave the value.
 * Plain Java, run on the executors once per master.
 */
public final class GoldPersonBuilder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TrustRanks trust;

  public GoldPersonBuilder(TrustRanks trust) {
    this.trust = requireNonNull(trust, "trust is null");
  }

  public MasterPerson build(String masterId, List<PersonEvidence> records, Instant updatedAt) {
    requireNonNull(masterId, "masterId is null");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("Cannot merge master " + masterId + ": no source records");
    }
    Map<String, String> provenance = new TreeMap<>();
    String idNumber = choose("id_number", records, PersonEvidence::idNumber, provenance);
    Optional<Pick<PersonEvidence>> namePick = pickRecord("name", records, PersonEvidence::name);
    namePick.ifPresent(p -> provenance.put("name", p.provenance()));
    String sexName = choose("sex", records, e -> Sex.UNKNOWN.name().equals(e.sex()) ? null : e.sex(), provenance);
    LocalDate birthDate = choose("birth_date", records, PersonEvidence::birthDate, provenance);
    String phone = choose("phone", records, PersonEvidence::phone, provenance);
    String address = choose("address", records, PersonEvidence::address, provenance);
    String communityCode = choose("community_code", records, PersonEvidence::communityCode, provenance);
    String districtCode = null;
    if (communityCode != null && communityCode.length() >= 6) {
      // a 12-digit statistical division code starts with its 6-digit county/district code
      districtCode = communityCode.substring(0, 6);
      provenance.put("district_code", provenance.get("community_code"));
    }
    TreeSet<String> tags = new TreeSet<>();
    records.forEach(r -> tags.addAll(r.tags()));
    PersonEvidence nameSource = namePick.map(Pick::value).orElse(null);
    return new MasterPerson(
        masterId,
        idNumber,
        nameSource == null ? null : nameSource.name(),
        nameSource == null ? null : nameSource.namePinyin(),
        sexName == null ? Sex.UNKNOWN : Sex.valueOf(sexName),
        birthDate,
        phone,
        address,
        null,
        districtCode,
        communityCode,
        null,
        List.copyOf(tags),
        provenance,
        records.size(),
        updatedAt);
  }

  private <T> T choose(String attribute, List<PersonEvidence> records, Function<PersonEvidence, T> value, Map<String, String> provenance) {
    List<Candidate<T>> candidates = new ArrayList<>();
    for (PersonEvidence r : records) {
      T v = value.apply(r);
      if (v != null) {
        candidates.add(new Candidate<>(v, r.sourceSystem(), r.sourceRecordId(), trust.of(r.sourceSystem(), attribute, r.trustRank()), r.ingestedAt()));
      }
    }
    Optional<Pick<T>> pick = Survivorship.pick(candidates);
    pick.ifPresent(p -> provenance.put(attribute, p.provenance()));
    return pick.map(Pick::value).orElse(null);
  }

  /** Picks by one attribute but returns the whole record, for attributes that travel together (name and its pinyin). */
  private Optional<Pick<PersonEvidence>> pickRecord(String attribute, List<PersonEvidence> records, Function<PersonEvidence, String> value) {
    List<Candidate<String>> candidates = new ArrayList<>();
    for (PersonEvidence r : records) {
      String v = value.apply(r);
      if (v != null) {
        candidates.add(new Candidate<>(v, r.sourceSystem(), r.sourceRecordId(), trust.of(r.sourceSystem(), attribute, r.trustRank()), r.ingestedAt()));
      }
    }
    return Survivorship.pick(candidates).map(p -> {
      PersonEvidence source = records.stream()
          .filter(r -> r.sourceSystem().equals(p.sourceSystem()) && r.sourceRecordId().equals(p.sourceRecordId()))
          .min(Comparator.comparing(PersonEvidence::ingestedAt))
          .orElseThrow();
      return new Pick<>(source, p.sourceSystem(), p.sourceRecordId(), p.rule());
    });
  }
}
