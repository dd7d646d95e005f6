package org.cdhub.catalog.subscription;

import java.time.Instant;
import java.util.List;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.schema.Sensitivity;

/** Catalog entries of each sharing type, and requests for them. */
final class SubscriptionFixtures {
  static final Instant T0 = Instant.parse("2026-12-06T09:30:00.250Z");
  static final Instant UNTIL = Instant.parse("2027-01-31T16:00:00Z");
  static final String OWNER = "市大数据管理局 (city data bureau)";

  private SubscriptionFixtures() {}

  static Dataset dataset(String qualifiedName, String code, SharingType sharing) {
    return new Dataset(code, qualifiedName, "人口 " + qualifiedName, OWNER, "test dataset", "gold", "Iceberg (Parquet)",
        sharing, sharing == SharingType.CONDITIONAL ? "state the purpose" : null,
        sharing == SharingType.NOT_SHARED ? "PIPL art. 6: working data" : null, false, UpdateCycle.DAILY,
        List.of(new DatasetField("master_id", "string", "id", Sensitivity.INTERNAL),
            new DatasetField("name", "string", "name", Sensitivity.PERSONAL),
            new DatasetField("id_number", "string", "id number", Sensitivity.SENSITIVE_PERSONAL),
            new DatasetField("gender", "string", "gender", Sensitivity.INTERNAL),
            new DatasetField("community_code", "string", "community", Sensitivity.PUBLIC)),
        10, 1L, T0, T0);
  }

  static SubscriptionRequest request(String department, String dataset, List<String> columns, String legalPurpose) {
    return new SubscriptionRequest(department, dataset, "低保复核 (subsidy review)", legalPurpose, columns, "640106",
        UNTIL, "张三");
  }
}
