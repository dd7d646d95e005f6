package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.UpdateCycle;

/**
 * A catalog entry: the government data catalog's metadata for one dataset (资源代码, 名称,
 * 提供方, 摘要, 格式, 信息项, 共享类型, 开放属性, 更新周期, 发布日期) plus what the hub knows about it.
 *
 * @param resourceCode catalog resource code, region + classification + sequence ({@code 640100-SQJC-000001})
 * @param qualifiedName {@code namespace.table} inside the hub's lakehouse ({@code gold.person}); the key
 * @param title name of the resource
 * @param providerDepartment department that provides (and answers for) the data
 * @param description abstract: what the dataset holds
 * @param layer {@code bronze}, {@code silver}, {@code gold} or {@code shared}
 * @param format how the data is held, e.g. {@code Iceberg (Parquet)}
 * @param sharingType unconditional, conditional or not shared
 * @param sharingConditions what a requester must state or meet (required when conditional)
 * @param legalBasis the law or rule behind the sharing type (required when not shared)
 * @param openToPublic whether the dataset may be opened to the public
 * @param updateCycle how often the data is refreshed; freshness is judged against it
 * @param fields the information items, in table order
 * @param rowCount rows in the current snapshot
 * @param snapshotId current lakehouse snapshot, null for an empty table
 * @param dataUpdatedAt when the data last changed (the snapshot's commit time), null if never
 * @param publishedAt when this entry was (last) published to the catalog
 */
public record Dataset(
    String resourceCode,
    String qualifiedName,
    String title,
    String providerDepartment,
    String description,
    String layer,
    String format,
    SharingType sharingType,
    String sharingConditions,
    String legalBasis,
    boolean openToPublic,
    UpdateCycle updateCycle,
    List<DatasetField> fields,
    long rowCount,
    Long snapshotId,
    Instant dataUpdatedAt,
    Instant publishedAt) {

  /** Lakehouse layers, plus "ops": the hub's operational tables (ingestion log) that auditors read. */
  public static final List<String> LAYERS = List.of("bronze", "silver", "gold", "shared", "ops");

  public Dataset {
    requireNonNull(qualifiedName, "qualifiedName is null");
    requireNonNull(resourceCode, "resourceCode is null");
    requireNonNull(title, "title is null");
    requireNonNull(providerDepartment, "providerDepartment is null");
    requireNonNull(layer, "layer is null");
    requireNonNull(format, "format is null");
    requireNonNull(sharingType, "sharingType is null");
    requireNonNull(updateCycle, "updateCycle is null");
    requireNonNull(publishedAt, "publishedAt is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    if (!qualifiedName.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*")) {
      throw invalid(qualifiedName, "qualified_name", "expected namespace.table in lower snake case", qualifiedName);
    }
    if (!resourceCode.matches("\\d{6}-[A-Z]{2,8}-\\d{6}")) {
      throw invalid(qualifiedName, "resource_code",
          "expected region-classification-sequence like 640100-SQJC-000001", resourceCode);
    }
    if (!LAYERS.contains(layer)) {
      throw invalid(qualifiedName, "layer", "expected one of " + LAYERS, layer);
    }
    if (sharingType == SharingType.CONDITIONAL && isBlank(sharingConditions)) {
      throw invalid(qualifiedName, "sharing_conditions", "conditional sharing needs conditions", sharingConditions);
    }
    if (sharingType == SharingType.NOT_SHARED && isBlank(legalBasis)) {
      throw invalid(qualifiedName, "legal_basis", "a dataset that is not shared needs its legal basis", legalBasis);
    }
    if (rowCount < 0) {
      throw invalid(qualifiedName, "row_count", "must not be negative", rowCount);
    }
    Set<String> names = new HashSet<>();
    for (DatasetField field : fields) {
      if (!names.add(field.name())) {
        throw invalid(qualifiedName, "fields", "field declared twice", field.name());
      }
    }
  }

  public Optional<DatasetField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether any field holds personal information (reads of it are purpose-bound and audited). */
  public boolean containsPersonalData() {
    return fields.stream().anyMatch(f -> f.sensitivity().isPersonal());
  }

  private static IllegalArgumentException invalid(String dataset, String field, String rule, Object value) {
    return new IllegalArgumentException(
        "Invalid catalog entry " + dataset + ", field " + field + ": " + rule + ": " + value);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
