package org.cdhub.api.lineage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.generated.api.LineageApi;
import org.cdhub.api.generated.model.AttributeSource;
import org.cdhub.api.generated.model.AuditedRead;
import org.cdhub.api.generated.model.ColumnSource;
import org.cdhub.api.generated.model.DatasetLineage;
import org.cdhub.api.generated.model.LineageDelivery;
import org.cdhub.api.generated.model.LineageEdge;
import org.cdhub.api.generated.model.LineageNode;
import org.cdhub.api.generated.model.LineageSourceRecord;
import org.cdhub.api.generated.model.LineageStandardizeRun;
import org.cdhub.api.generated.model.PersonLineage;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.lineage.RecordLineage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/catalog/datasets/{qualifiedName}/lineage}: the dataset's lineage graph;
 * {@code GET /api/v1/persons/{masterId}/lineage}: a golden person's record lineage, for auditors.
 */
@RestController
class LineageController implements LineageApi {
  private final LineageService lineage;
  private final CurrentClient caller;
  private final CurrentRequest request;

  LineageController(LineageService lineage, CurrentClient caller, CurrentRequest request) {
    this.lineage = requireNonNull(lineage, "lineage is null");
    this.caller = requireNonNull(caller, "caller is null");
    this.request = requireNonNull(request, "request is null");
  }

  @Override
  public ResponseEntity<DatasetLineage> getDatasetLineage(String qualifiedName, String column) {
    caller.require(); // metadata: any authenticated client, as the catalog entries
    org.cdhub.catalog.lineage.DatasetLineage around = lineage.around(qualifiedName);
    DatasetLineage dto = new DatasetLineage(qualifiedName,
        around.nodes().values().stream().map(n -> new LineageNode(n.id(), kind(n), n.label())).toList(),
        around.edges().values().stream().flatMap(List::stream).map(e -> new LineageEdge(e.from(), e.to(), e.step())).toList());
    if (column != null) {
      dto.column(column).columnSources(lineage.column(qualifiedName, column).stream()
          .map(p -> new ColumnSource(p.feed(), p.rawField(), p.silverColumn(), p.goldColumn(), p.trustRank())).toList());
    } else {
      // absent, not empty: an empty list would claim no field fills the column
      dto.setColumnSources(null);
    }
    return ResponseEntity.ok(dto);
  }

  @Override
  public ResponseEntity<PersonLineage> getPersonLineage(String masterId) {
    RecordLineage l = lineage.person(caller.require(), request.auditedQuery(), masterId);
    PersonLineage dto = new PersonLineage(l.masterId(),
        l.attributes().entrySet().stream().map(a -> new AttributeSource(a.getKey(), a.getValue().feed(), a.getValue().recordId(),
            a.getValue().rule(), l.sourceOf(a.getValue()).isPresent())).toList(),
        l.sources().stream().map(LineageController::toDto).toList(),
        l.aliases(),
        l.reads().stream().map(LineageController::toDto).toList())
        .communityCode(l.communityCode());
    return ResponseEntity.ok(dto);
  }

  /** The API's node kinds, from the id scheme of the shared lineage graph. */
  private static LineageNode.KindEnum kind(org.cdhub.catalog.lineage.DatasetLineage.Node n) {
    String id = n.id();
    if (id.startsWith("source:")) {
      return LineageNode.KindEnum.DEPARTMENT;
    }
    if (id.startsWith("flow:")) {
      return LineageNode.KindEnum.FLOW;
    }
    if (id.startsWith("api:")) {
      return LineageNode.KindEnum.ENDPOINT;
    }
    if (id.startsWith("client:")) {
      return LineageNode.KindEnum.CLIENT;
    }
    return id.equals("trino") ? LineageNode.KindEnum.ENGINE : LineageNode.KindEnum.TABLE;
  }

  private static LineageSourceRecord toDto(RecordLineage.SourceRecord s) {
    LineageSourceRecord dto = new LineageSourceRecord(s.feed(), s.recordId())
        .matchRule(s.matchRule())
        .resolveRunId(s.resolveRunId())
        .linkedAt(utc(s.linkedAt()))
        .batchId(s.batchId())
        .ingestedAt(utc(s.ingestedAt()));
    if (s.delivery() != null) {
      dto.delivery(new LineageDelivery(s.delivery().source()).flowfileId(s.delivery().flowfileId())
          .bronzeSnapshotId(s.delivery().bronzeSnapshotId() == null ? null : Long.toString(s.delivery().bronzeSnapshotId()))
          .deliveredAt(utc(s.delivery().deliveredAt())));
    }
    if (s.standardizeRun() != null) {
      dto.standardizeRun(new LineageStandardizeRun(s.standardizeRun().runId(), s.standardizeRun().status())
          .startedAt(utc(s.standardizeRun().startedAt())));
    }
    return dto;
  }

  private static AuditedRead toDto(AuditEntry e) {
    return new AuditedRead(e.seq(), utc(e.event().at()), e.event().clientId(), e.event().action(), e.event().outcome())
        .purpose(e.event().purpose());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
