package org.cdhub.model.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.cdhub.model.entity.EntityType;

/**
 * What a feed promises: who owns it, how it is shared, how it arrives, and what each field
 * means. One YAML file per feed under {@code schemas/contracts/}; see {@link SourceContracts}.
 */
public record SourceContract(
    String feed,
    String title,
    String ownerDepartment,
    EntityType entity,
    String description,
    Sharing sharing,
    boolean openToPublic,
    UpdateCycle updateCycle,
    int trustRank,
    SourceFormat format,
    List<String> recordId,
    List<FieldSpec> fields) {

  public SourceContract {
    requireNonNull(feed, "feed is null");
    requireNonNull(title, "title is null");
    requireNonNull(ownerDepartment, "ownerDepartment is null");
    requireNonNull(entity, "entity is null");
    requireNonNull(sharing, "sharing is null");
    requireNonNull(updateCycle, "updateCycle is null");
    requireNonNull(format, "format is null");
    recordId = List.copyOf(requireNonNull(recordId, "recordId is null"));
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    if (!feed.matches("[a-z][a-z0-9_]{1,62}")) {
      throw new IllegalArgumentException("Invalid feed id, expected lower snake case: " + feed);
    }
    if (trustRank < 0 || trustRank > 100) {
      throw new IllegalArgumentException("Invalid trust_rank of feed " + feed + ", expected 0-100: " + trustRank);
    }
    if (recordId.isEmpty()) {
      throw new IllegalArgumentException("Invalid contract " + feed + ": record_id names no field");
    }
    for (String id : recordId) {
      if (fields.stream().noneMatch(f -> f.name().equals(id))) {
        throw new IllegalArgumentException("Invalid contract " + feed + ": record_id field is not declared: " + id);
      }
    }
    if (fields.stream().map(FieldSpec::name).distinct().count() != fields.size()) {
      throw new IllegalArgumentException("Invalid contract " + feed + ": a field is declared twice");
    }
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The source field that feeds a master attribute, if the contract maps one. */
  public Optional<FieldSpec> fieldMappedTo(String masterAttribute) {
    return fields.stream().filter(f -> masterAttribute.equals(f.mapsTo())).findFirst();
  }

  /** Trust of one attribute: the field's own rank, else the feed's. */
  public int trustOf(FieldSpec field) {
    return field.trustRank() != null ? field.trustRank() : trustRank;
  }
}
