package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.schema.Sensitivity;

/**
 * Builds catalog entries from what the hub already knows: table schemas with their docs and
 * sensitivity (hub-model), source contracts for bronze feeds, and facts the publisher reads from
 * the lakehouse (row count, snapshot, commit time). Deterministic: the same table always gets
 * the same resource code, title and sharing terms.
 *
 * <p>Resource codes follow government catalog practice: region code, classification, sequence
 * ({@code 640100-SQJC-000001}). Classifications: {@value #GOLD_CLASSIFICATION} community base
 * data (gold), {@value #SILVER_CLASSIFICATION} standardized data (silver),
 * {@value #BRONZE_CLASSIFICATION} source data as delivered (bronze).
 */
public final class DatasetDescriptions {
  /** Administrative division code of the city (银川市). */
  public static final String CITY_REGION_CODE = "640100";
  public static final String GOLD_CLASSIFICATION = "SQJC";
  public static final String SILVER_CLASSIFICATION = "SQBZ";
  public static final String BRONZE_CLASSIFICATION = "SQYS";

  /** Provider of everything the hub derives (silver, gold): the department that runs the hub. */
  public static final String CITY_DATA_BUREAU = "市大数据管理局 (city data bureau)";
  public static final String LAKEHOUSE_FORMAT = "Iceberg (Parquet)";

  /** Legal basis for sharing personal information between state organs. */
  public static final String PIPL_LEGAL_BASIS =
      "《中华人民共和国个人信息保护法》第十三条、第三十四条 (PIPL art. 13 and 34: processing necessary for statutory duties)";
  public static final String PERSONAL_DATA_CONDITIONS =
      "用于社区治理与公共服务，须说明用途，限本辖区，个人信息默认脱敏"
          + " (community governance and public services only: state the purpose, own jurisdiction only,"
          + " personal fields masked unless a grant says otherwise)";
  /** Why silver tables are not shared: they are the hub's working data, gold is what departments use. */
  public static final String WORKING_DATA_LEGAL_BASIS =
      "《中华人民共和国个人信息保护法》第六条 (PIPL art. 6, minimum necessary): intermediate processing data"
          + " of the hub, subscribe to the gold layer instead";

  private DatasetDescriptions() {}

  /** Catalog entry of one of the hub's fixed tables (silver, quarantine, gold). */
  public static Dataset forTable(
      LakehouseTable table, long rowCount, Long snapshotId, Instant dataUpdatedAt, Instant publishedAt) {
    requireNonNull(table, "table is null");
    Entry entry = entry(table);
    String layer = table.identifier().namespace().level(0);
    Map<String, Sensitivity> sensitivity = table.sensitivity();
    List<DatasetField> fields =
        fields(table.schema(), column -> sensitivity.getOrDefault(column.name(), Sensitivity.INTERNAL), Types.NestedField::doc);
    boolean personal = fields.stream().anyMatch(f -> f.sensitivity().isPersonal());

    SharingType sharing;
    String conditions = null;
    String legalBasis = null;
    if (layer.equals("silver") || layer.equals("ops")) {
      sharing = SharingType.NOT_SHARED;
      legalBasis = WORKING_DATA_LEGAL_BASIS;
    } else if (personal) {
      sharing = SharingType.CONDITIONAL;
      conditions = PERSONAL_DATA_CONDITIONS;
      legalBasis = PIPL_LEGAL_BASIS;
    } else {
      sharing = SharingType.UNCONDITIONAL;
    }
    return new Dataset(
        resourceCode(entry.classification(), entry.sequence()),
        table.qualifiedName(),
        entry.title(),
        CITY_DATA_BUREAU,
        table.description(),
        layer,
        LAKEHOUSE_FORMAT,
        sharing,
        conditions,
        legalBasis,
        false,
        UpdateCycle.DAILY, // the standardize/resolve/merge jobs run once a day
        fields,
        rowCount,
        snapshotId,
        dataUpdatedAt,
        publishedAt);
  }

  /**
   * Catalog entry of a feed's bronze table: the owner department's own terms from its contract,
   * the envelope columns, then the raw fields as delivered (strings) with the contract's
   * descriptions and sensitivity.
   */
  public static Dataset forBronzeFeed(
      SourceContract contract, long rowCount, Long snapshotId, Instant dataUpdatedAt, Instant publishedAt) {
    requireNonNull(contract, "contract is null");
    Schema schema = BronzeEnvelope.schemaFor(contract);
    List<DatasetField> fields = fields(
        schema,
        column -> contract.field(column.name()).map(FieldSpec::sensitivity).orElse(Sensitivity.INTERNAL),
        column -> contract.field(column.name()).map(FieldSpec::description).orElse(column.doc()));
    String description = contract.description() == null ? contract.title() : contract.description().strip();
    return new Dataset(
        resourceCode(BRONZE_CLASSIFICATION, bronzeSequence(contract.feed())),
        LakehouseTable.bronze(contract.feed()).toString(),
        contract.title(),
        contract.ownerDepartment(),
        description,
        LakehouseTable.BRONZE,
        LAKEHOUSE_FORMAT,
        contract.sharing().type(),
        contract.sharing().conditions(),
        contract.sharing().legalBasis(),
        contract.openToPublic(),
        contract.updateCycle(),
        fields,
        rowCount,
        snapshotId,
        dataUpdatedAt,
        publishedAt);
  }

  /** {@code 640100-<classification>-<6-digit sequence>}. */
  public static String resourceCode(String classification, int sequence) {
    if (sequence < 1 || sequence > 999_999) {
      throw new IllegalArgumentException("Cannot build resource code: sequence must be 1..999999: " + sequence);
    }
    return String.format(Locale.ROOT, "%s-%s-%06d", CITY_REGION_CODE, classification, sequence);
  }

  // Until contracts carry a registered catalog code, a bronze feed's sequence is a stable number
  // derived from its feed id; the registry refuses a collision loudly (resource codes are unique).
  static int bronzeSequence(String feed) {
    CRC32 crc = new CRC32();
    crc.update(feed.getBytes(StandardCharsets.UTF_8));
    return 1 + (int) (crc.getValue() % 999_999L);
  }

  private static List<DatasetField> fields(
      Schema schema,
      Function<Types.NestedField, Sensitivity> sensitivity,
      Function<Types.NestedField, String> description) {
    List<DatasetField> out = new ArrayList<>();
    for (Types.NestedField column : schema.columns()) {
      out.add(new DatasetField(
          column.name(), column.type().toString(), description.apply(column), sensitivity.apply(column)));
    }
    return out;
  }

  private record Entry(String classification, int sequence, String title) {}

  // Exhaustive on purpose: a new fixed table does not compile until it has a code and a title.
  // Sequences are registered once and never reused.
  private static Entry entry(LakehouseTable table) {
    return switch (table) {
      case GOLD_PERSON -> new Entry(GOLD_CLASSIFICATION, 1, "社区人口基础信息 (golden person records)");
      case GOLD_PLACE -> new Entry(GOLD_CLASSIFICATION, 2, "社区地点房屋基础信息 (golden place records)");
      case GOLD_THING -> new Entry(GOLD_CLASSIFICATION, 3, "社区设施设备基础信息 (golden thing records)");
      case GOLD_EVENT -> new Entry(GOLD_CLASSIFICATION, 4, "社区事件基础信息 (golden event records)");
      case GOLD_ORGANIZATION -> new Entry(GOLD_CLASSIFICATION, 5, "社区组织机构基础信息 (golden organization records)");
      case GOLD_XREF -> new Entry(GOLD_CLASSIFICATION, 6, "源记录与主数据对照 (source record cross-reference)");
      case GOLD_RELATIONSHIP -> new Entry(GOLD_CLASSIFICATION, 7, "主数据关系 (relationships between master records)");
      case GOLD_PERSON_MATCH -> new Entry(GOLD_CLASSIFICATION, 8, "人员匹配证据与待审队列 (scored person pairs, evidence and review queue)");
      case GOLD_MASTER_ALIAS -> new Entry(GOLD_CLASSIFICATION, 10, "主数据合并别名 (retired master ids and the master each now resolves to)");
      case SILVER_PERSON -> new Entry(SILVER_CLASSIFICATION, 1, "人口标准化信息 (standardized person records)");
      case QUARANTINE -> new Entry(SILVER_CLASSIFICATION, 2, "问题数据隔离 (quarantined records)");
      case INGESTION_LOG -> new Entry(SILVER_CLASSIFICATION, 3, "数据接入日志 (ingestion log: every batch delivered, with its counts)");
      case SILVER_PLACE -> new Entry(SILVER_CLASSIFICATION, 4, "地点房屋标准化信息 (standardized place records)");
      case SILVER_THING -> new Entry(SILVER_CLASSIFICATION, 5, "设施设备标准化信息 (standardized thing records)");
      case SILVER_EVENT -> new Entry(SILVER_CLASSIFICATION, 6, "事件标准化信息 (standardized event records)");
      case SILVER_ORGANIZATION -> new Entry(SILVER_CLASSIFICATION, 7, "组织机构标准化信息 (standardized organization records)");
      case QUALITY_RUN -> new Entry(SILVER_CLASSIFICATION, 8, "数据质量检查记录 (standardize runs and their quality verdicts)");
      case QUALITY_METRIC -> new Entry(SILVER_CLASSIFICATION, 9, "数据质量指标库 (data-quality metrics repository)");
      case STEWARD_DECISION -> new Entry(GOLD_CLASSIFICATION, 9, "数据管理员合并拆分决定 (data stewards' link and split decisions)");
    };
  }
}
