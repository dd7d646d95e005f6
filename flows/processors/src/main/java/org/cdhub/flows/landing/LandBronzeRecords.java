package org.cdhub.flows.landing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.cdhub.model.ops.IngestionLogEntry;

/**
 * Lands the records of each FlowFile in the feed's bronze table. Glue only: the ingest rules,
 * the batch identity and the Iceberg writing live in {@link IngestRules}, {@link LandingBatch}
 * and {@link BronzeLanding}.
 */
@Tags({"hub", "iceberg", "bronze", "lakehouse", "parquet", "ingest", "quarantine", "record"})
@CapabilityDescription("Lands the records of each FlowFile in the feed's Iceberg bronze table (bronze.<feed>) as one "
    + "batch: stamps the bronze envelope (source system, source record id from the contract's record_id fields, batch id, "
    + "ingested-at, SHA-256 payload hash of the canonical raw record), writes one Parquet file and commits one append "
    + "with the batch id in the snapshot summary (hub.batch-id). The batch id depends only on the records, so a "
    + "replayed FlowFile adds nothing. Records without a record id or larger than the contract's max_record_bytes go "
    + "to silver.quarantine with the rule and field named. Creates tables that are missing and adds a string column "
    + "when the source adds a field. A FlowFile that cannot be read or landed goes to failure with the reason. Every "
    + "delivery, landed, replayed, empty or failed, is recorded in ops.ingestion_log with its counts and duration.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_BATCH_ID, description = "Batch id: <feed>-<32 hex>, derived from the records"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_READ, description = "Records read from the FlowFile (= landed + quarantined)"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_LANDED, description = "Records of this batch in the bronze table"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_QUARANTINED, description = "Records of this batch in silver.quarantine"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_TABLE, description = "The bronze table, e.g. bronze.hr_household"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_SNAPSHOT_ID, description = "Bronze snapshot holding the batch (absent when nothing landed)"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_QUARANTINE_SNAPSHOT_ID, description = "Quarantine snapshot holding the batch's rejects (absent when none)"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_REPLAYED, description = "true when the tables already held this batch, so nothing was written"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: why the FlowFile could not be landed")
})
public class LandBronzeRecords extends AbstractProcessor {
  public static final String ATTR_BATCH_ID = "hub.batch.id";
  public static final String ATTR_READ = "hub.records.read";
  public static final String ATTR_LANDED = "hub.records.landed";
  public static final String ATTR_QUARANTINED = "hub.records.quarantined";
  public static final String ATTR_TABLE = "hub.bronze.table";
  public static final String ATTR_SNAPSHOT_ID = "hub.bronze.snapshot.id";
  public static final String ATTR_QUARANTINE_SNAPSHOT_ID = "hub.quarantine.snapshot.id";
  public static final String ATTR_REPLAYED = "hub.batch.replayed";
  public static final String ATTR_FAILURE_REASON = "hub.failure.reason";

  public static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
      .name("Record Reader")
      .description("Reads the records of incoming FlowFiles")
      .identifiesControllerService(RecordReaderFactory.class)
      .required(true)
      .build();

  public static final PropertyDescriptor FEED = SourceContractLocation.FEED;

  public static final PropertyDescriptor CONTRACT_LOCATION = SourceContractLocation.CONTRACT_LOCATION;

  public static final PropertyDescriptor CATALOG_NAME = new PropertyDescriptor.Builder()
      .name("Catalog Name")
      .description("Iceberg catalog name; must be the same for every engine sharing the lakehouse")
      .required(true)
      .defaultValue(LakehouseConfig.DEFAULT_CATALOG_NAME)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor CATALOG_URI = new PropertyDescriptor.Builder()
      .name("Catalog URI")
      .description("JDBC URL of the Iceberg JDBC catalog database, e.g. jdbc:sqlite:/data/lakehouse-catalog.db")
      .required(true)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor WAREHOUSE = new PropertyDescriptor.Builder()
      .name("Warehouse")
      .description("Warehouse root location of the lakehouse, e.g. file:/data/warehouse")
      .required(true)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor CATALOG_USER = new PropertyDescriptor.Builder()
      .name("Catalog User")
      .description("User of the catalog database, when it needs one")
      .required(false)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final PropertyDescriptor CATALOG_PASSWORD = new PropertyDescriptor.Builder()
      .name("Catalog Password")
      .description("Password of the catalog database user")
      .required(false)
      .sensitive(true)
      .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
      .build();

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("FlowFiles whose records are all in bronze or quarantine, with the batch id, counts and snapshot ids as attributes; content unchanged")
      .build();

  public static final Relationship REL_FAILURE = new Relationship.Builder()
      .name("failure")
      .description("FlowFiles that could not be read or landed, with the reason in hub.failure.reason; nothing of them is in bronze unless a replay later lands it")
      .build();

  public static final PropertyDescriptor LANDING_THREADS = new PropertyDescriptor.Builder()
      .name("Landing Threads")
      .description("Threads that read, check and write batches side by side; commits stay one at a time, in delivery order")
      .required(true)
      .defaultValue("2")
      .addValidator(StandardValidators.createLongValidator(1, 64, true))
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(
      RECORD_READER, FEED, CONTRACT_LOCATION, CATALOG_NAME, CATALOG_URI, WAREHOUSE, CATALOG_USER, CATALOG_PASSWORD,
      LANDING_THREADS);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);
  /** FlowFiles landed per trigger, and so per ingestion-log commit. */
  static final int DELIVERIES_PER_TRIGGER = 50;

  private volatile SourceContract contract;
  private volatile IngestRules rules;
  private volatile JdbcCatalog catalog;
  private volatile BronzeLanding landing;
  private volatile IngestionLog log;
  private volatile java.util.concurrent.ExecutorService pool;
  private volatile int threads;
  private volatile String transitUri;

  @Override
  protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
    return PROPERTIES;
  }

  @Override
  public Set<Relationship> getRelationships() {
    return RELATIONSHIPS;
  }

  @Override
  protected Collection<ValidationResult> customValidate(ValidationContext context) {
    List<ValidationResult> problems = new ArrayList<>();
    problems.addAll(SourceContractLocation.validate(context));
    String name = context.getProperty(CATALOG_NAME).getValue();
    String uri = context.getProperty(CATALOG_URI).getValue();
    String warehouse = context.getProperty(WAREHOUSE).getValue();
    if (name != null && uri != null && warehouse != null) {
      try {
        new LakehouseConfig(name, uri, warehouse);
      } catch (IllegalArgumentException e) {
        problems.add(invalid(CATALOG_URI, uri, e.getMessage()));
      }
    }
    return problems;
  }

  private static ValidationResult invalid(PropertyDescriptor property, String input, String explanation) {
    return new ValidationResult.Builder().subject(property.getName()).input(input).valid(false).explanation(explanation).build();
  }

  @OnScheduled
  public void openLakehouse(ProcessContext context) {
    contract = SourceContractLocation.load(context);
    rules = new IngestRules(contract);
    LakehouseConfig config = new LakehouseConfig(
        context.getProperty(CATALOG_NAME).getValue(),
        context.getProperty(CATALOG_URI).getValue(),
        context.getProperty(WAREHOUSE).getValue());
    catalog = LakehouseCatalogs.open(config, context.getProperty(CATALOG_USER).getValue(), context.getProperty(CATALOG_PASSWORD).getValue());
    landing = new BronzeLanding(catalog);
    log = new IngestionLog(catalog);
    threads = context.getProperty(LANDING_THREADS).asInteger();
    String feed = contract.feed();
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "hub-landing-" + feed + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    transitUri = "iceberg://" + config.catalogName() + "/" + LakehouseTable.bronze(contract.feed());
  }

  @OnStopped
  public void closeLakehouse() throws IOException {
    JdbcCatalog open = catalog;
    catalog = null;
    landing = null;
    log = null;
    java.util.concurrent.ExecutorService running = pool;
    pool = null;
    if (running != null) {
      running.shutdownNow();
    }
    if (open != null) {
      open.close();
    }
  }

  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) {
    List<FlowFile> flowFiles = session.get(DELIVERIES_PER_TRIGGER);
    if (flowFiles.isEmpty()) {
      return;
    }
    RecordReaderFactory readers = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
    List<IngestionLogEntry> entries = new ArrayList<>(flowFiles.size());
    int wave = Math.max(1, threads * 2); // a few batches in memory at a time, enough to keep every thread busy
    for (int i = 0; i < flowFiles.size(); i += wave) {
      entries.addAll(landWave(session, flowFiles.subList(i, Math.min(flowFiles.size(), i + wave)), readers));
    }
    try {
      log.append(entries);
    } catch (RuntimeException e) {
      // The deliveries are routed all the same: what landed is in bronze, a failure must still reach its
      // failure path (e.g. the 503 a pushing vendor retries on). The ERROR bulletin makes the stateless
      // runner abort the trigger, so the source position rolls back and the replay is logged next time.
      getLogger().error("Cannot write {} entries of feed {} to {}: {}", entries.size(), contract.feed(),
          LakehouseTable.INGESTION_LOG.qualifiedName(), e.getMessage(), e);
    }
  }

  /** A FlowFile's records read into a batch, or why they could not be. */
  private record Parsed(FlowFile flowFile, LandingBatch batch, Exception failure) {}

  /**
   * Lands some FlowFiles: their content is read here (a session is single-threaded), their records
   * parsed and checked and their Parquet files written on the landing threads, then each is
   * committed and routed in delivery order. Returns what happened to each, for the ingestion log.
   */
  private List<IngestionLogEntry> landWave(ProcessSession session, List<FlowFile> wave, RecordReaderFactory readers) {
    long start = System.nanoTime();
    List<java.util.concurrent.CompletableFuture<Parsed>> parsing = new ArrayList<>(wave.size());
    for (FlowFile flowFile : wave) {
      byte[] content;
      try (InputStream in = session.read(flowFile)) {
        content = in.readAllBytes();
      } catch (IOException | RuntimeException e) {
        parsing.add(java.util.concurrent.CompletableFuture.completedFuture(new Parsed(flowFile, null, e)));
        continue;
      }
      parsing.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> parse(flowFile, content, readers), pool));
    }
    List<Parsed> parsed = parsing.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    List<LandingBatch> batches = parsed.stream().filter(p -> p.batch() != null).map(Parsed::batch).toList();
    java.util.Iterator<BronzeLanding.Outcome> outcomes = landing.landAll(contract, batches, pool).iterator();
    List<IngestionLogEntry> entries = new ArrayList<>(wave.size());
    for (Parsed p : parsed) {
      FlowFile flowFile = p.flowFile();
      if (p.batch() == null) {
        String reason = "Cannot read the records of FlowFile " + flowFile.getAttribute("uuid") + " of feed "
            + contract.feed() + ": " + p.failure().getMessage();
        fail(session, flowFile, reason, p.failure());
        entries.add(failed(flowFile, "unread-" + flowFile.getAttribute("uuid"), reason, start));
        continue;
      }
      BronzeLanding.Outcome outcome = outcomes.next();
      LandingBatch batch = outcome.batch();
      if (outcome.failure() != null) {
        String reason = "Cannot land batch " + batch.batchId() + " of feed " + contract.feed() + " ("
            + batch.read() + " records) in " + LakehouseTable.bronze(contract.feed()) + ": " + outcome.failure().getMessage();
        fail(session, flowFile, reason, outcome.failure());
        entries.add(failed(flowFile, batch.batchId(), reason, start));
        continue;
      }
      entries.add(route(session, flowFile, outcome.result(), start));
    }
    return entries;
  }

  private Parsed parse(FlowFile flowFile, byte[] content, RecordReaderFactory readers) {
    try {
      List<RawRecord> records = new ArrayList<>();
      try (InputStream in = new java.io.ByteArrayInputStream(content);
           RecordReader reader = readers.createRecordReader(flowFile, in, getLogger())) {
        Record record;
        while ((record = reader.nextRecord()) != null) {
          records.add(rawRecord(record));
        }
      }
      return new Parsed(flowFile, LandingBatch.of(rules, records, Instant.now()), null);
    } catch (IOException | MalformedRecordException | SchemaNotFoundException | RuntimeException e) {
      return new Parsed(flowFile, null, e);
    }
  }

  /** Routes a landed FlowFile with its batch's counts and snapshots; says what happened for the ingestion log. */
  private IngestionLogEntry route(ProcessSession session, FlowFile flowFile, LandingResult result, long start) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_BATCH_ID, result.batchId());
    attributes.put(ATTR_READ, Integer.toString(result.read()));
    attributes.put(ATTR_LANDED, Integer.toString(result.landed()));
    attributes.put(ATTR_QUARANTINED, Integer.toString(result.quarantined()));
    attributes.put(ATTR_TABLE, LakehouseTable.bronze(contract.feed()).toString());
    attributes.put(ATTR_REPLAYED, Boolean.toString(result.replayed()));
    if (result.bronzeSnapshotId() != null) {
      attributes.put(ATTR_SNAPSHOT_ID, result.bronzeSnapshotId().toString());
    }
    if (result.quarantineSnapshotId() != null) {
      attributes.put(ATTR_QUARANTINE_SNAPSHOT_ID, result.quarantineSnapshotId().toString());
    }
    flowFile = session.putAllAttributes(flowFile, attributes);
    if (!result.replayed() && result.read() > 0) {
      session.getProvenanceReporter().send(flowFile, transitUri, "batch " + result.batchId() + ": " + result.landed()
          + " landed, " + result.quarantined() + " quarantined");
    }
    session.transfer(flowFile, REL_SUCCESS);
    IngestionLogEntry.Status status = result.read() == 0 ? IngestionLogEntry.Status.EMPTY
        : result.replayed() ? IngestionLogEntry.Status.REPLAYED : IngestionLogEntry.Status.LANDED;
    return new IngestionLogEntry(contract.feed(), result.batchId(), status, result.read(), result.landed(),
        result.quarantined(), millisSince(start), Instant.now(), DeliverySource.describe(flowFile),
        DeliverySource.watermark(flowFile), result.bronzeSnapshotId(), result.quarantineSnapshotId(),
        flowFile.getAttribute("uuid"), null);
  }

  private IngestionLogEntry failed(FlowFile flowFile, String batchId, String reason, long start) {
    return new IngestionLogEntry(contract.feed(), batchId, IngestionLogEntry.Status.FAILED, 0, 0, 0, millisSince(start),
        Instant.now(), DeliverySource.describe(flowFile), DeliverySource.watermark(flowFile), null, null,
        flowFile.getAttribute("uuid"), reason);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * Every field as text, as delivered; fields the reader found beyond its schema are kept too.
   * A JSON object or array (a nested record, a map, an array) is kept as its JSON text and
   * marked, so the contract check can tell it from a single value.
   */
  static RawRecord rawRecord(Record record) {
    LinkedHashMap<String, String> fields = new LinkedHashMap<>();
    Set<String> structured = new java.util.HashSet<>(2);
    for (String name : record.getSchema().getFieldNames()) {
      if (record.getValue(name) == null && name.startsWith("_ingest_")) {
        continue; // an inferred schema unions the reject fields (IngestRules.REJECT_*) into every record
      }
      put(fields, structured, record, name);
    }
    for (String name : record.getRawFieldNames()) {
      if (!fields.containsKey(name)) {
        put(fields, structured, record, name);
      }
    }
    return RawRecord.owning(fields, structured);
  }

  private static void put(Map<String, String> fields, Set<String> structured, Record record, String name) {
    Object value = record.getValue(name);
    if (value == null) {
      fields.put(name, null);
    } else if (value instanceof String text) {
      fields.put(name, text);
    } else if (value instanceof Record || value instanceof Object[] || value instanceof Map<?, ?> || value instanceof Collection<?>) {
      fields.put(name, StructuredValues.json(value));
      structured.add(name);
    } else {
      fields.put(name, record.getAsString(name));
    }
  }

  private void fail(ProcessSession session, FlowFile flowFile, String reason, Exception cause) {
    getLogger().error(reason, cause);
    session.transfer(session.putAttribute(flowFile, ATTR_FAILURE_REASON, reason), REL_FAILURE);
  }
}
