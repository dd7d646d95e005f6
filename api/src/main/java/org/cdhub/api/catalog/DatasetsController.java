package org.cdhub.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cdhub.api.generated.api.CatalogApi;
import org.cdhub.api.generated.model.Dataset;
import org.cdhub.api.generated.model.DatasetField;
import org.cdhub.api.generated.model.DatasetHit;
import org.cdhub.api.generated.model.DatasetSearchResult;
import org.cdhub.api.generated.model.Sensitivity;
import org.cdhub.api.generated.model.SharingType;
import org.cdhub.api.generated.model.UpdateCycle;
import org.cdhub.catalog.registry.DatasetQuality;
import org.cdhub.catalog.registry.Freshness;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/catalog/datasets?q=}: ranked search; {@code GET /api/v1/catalog/datasets/{qualifiedName}}: one catalog entry. */
@RestController
class DatasetsController implements CatalogApi {
  private final DatasetCatalogService catalog;

  DatasetsController(DatasetCatalogService catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public ResponseEntity<Dataset> getDataset(String qualifiedName) {
    return ResponseEntity.ok(toDto(catalog.find(qualifiedName)));
  }

  @Override
  public ResponseEntity<DatasetSearchResult> searchDatasets(String q, Integer limit) {
    List<DatasetHit> hits = catalog.search(q, limit == null ? 10 : limit).stream()
        .map(h -> new DatasetHit(h.score(), toDto(h.dataset()))).toList();
    return ResponseEntity.ok(new DatasetSearchResult(q, hits));
  }

  private Dataset toDto(org.cdhub.catalog.registry.Dataset d) {
    Freshness freshness = Freshness.of(d, Instant.now());
    return new Dataset(d.resourceCode(), d.qualifiedName(), d.title(), d.providerDepartment(),
        Dataset.LayerEnum.fromValue(d.layer()), d.format(), SharingType.fromValue(d.sharingType().name()),
        d.openToPublic(), UpdateCycle.fromValue(d.updateCycle().name()),
        d.fields().stream().map(DatasetsController::toDto).toList(), d.rowCount(), utc(d.publishedAt()))
        .description(d.description())
        .sharingConditions(d.sharingConditions())
        .legalBasis(d.legalBasis())
        .containsPersonalData(d.containsPersonalData())
        .snapshotId(d.snapshotId() == null ? null : Long.toString(d.snapshotId()))
        .dataUpdatedAt(utc(d.dataUpdatedAt()))
        .freshness(Dataset.FreshnessEnum.fromValue(freshness.status().name()))
        .dataAgeSeconds(freshness.age() == null ? null : freshness.age().toSeconds())
        .qualityScore(catalog.quality(d.qualifiedName()).map(DatasetQuality::score).orElse(null));
  }

  private static DatasetField toDto(org.cdhub.catalog.registry.DatasetField f) {
    return new DatasetField(f.name(), f.type(), Sensitivity.fromValue(f.sensitivity().name()))
        .description(f.description());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
