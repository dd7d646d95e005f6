package org.cdhub.flows.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.cdhub.flows.landing.RawRecord;
import org.cdhub.flows.landing.SourceContractLocation;
import org.cdhub.model.contract.SourceContract;

/**
 * What every file-drop decoder shares: the feed and its contract, the success and failure routes,
 * and reading the whole file, decoding it and writing the records LandBronzeRecords lands. A
 * subclass says only how its format turns bytes into records.
 */
public abstract class FileDropDecoder extends AbstractProcessor {
  public static final String ATTR_RECORD_COUNT = "record.count";
  public static final String ATTR_REJECTED = "hub.records.rejected";

  public static final PropertyDescriptor FEED = SourceContractLocation.FEED;

  public static final PropertyDescriptor CONTRACT_LOCATION = SourceContractLocation.CONTRACT_LOCATION;

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("The file's records as JSON arrays of at most Records Per Batch records (all values text), rejects "
          + "included as reject records; fragment.index/fragment.count say which part of the file")
      .build();

  public static final Relationship REL_FAILURE = new Relationship.Builder()
      .name("failure")
      .description("Files that cannot be read as their contract declares (INGEST-ENCODING, INGEST-EXCEL-WORKBOOK) or whose "
          + "header is unusable (INGEST-CSV-HEADER), content unchanged, with the reason in hub.failure.reason")
      .build();

  public static final PropertyDescriptor RECORDS_PER_BATCH = new PropertyDescriptor.Builder()
      .name("Records Per Batch")
      .description("A file's records are written as FlowFiles of at most this many records, each landed as one batch: a large "
          + "file never has to be held as one batch, and the same file always splits the same way, so a replay adds nothing")
      .required(true)
      .defaultValue("20000")
      .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(FEED, CONTRACT_LOCATION, RECORDS_PER_BATCH);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

  private volatile SourceContract contract;

  /** A whole file that cannot be decoded; its message names feed, file and rule. */
  protected static final class UnreadableFile extends Exception {
    public UnreadableFile(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Decodes one file of {@code contract}'s feed, handing its records (reject records included) to
   * {@code records} in file order; {@code name} names feed and file for messages.
   */
  protected abstract void decode(byte[] bytes, SourceContract contract, String name, Consumer<RawRecord> records)
      throws UnreadableFile;

  /** Attributes a format adds to a decoded file (e.g. the encoding used). */
  protected Map<String, String> extraAttributes(SourceContract contract) {
    return Map.of();
  }

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
    return SourceContractLocation.validate(context);
  }

  @OnScheduled
  public void loadContract(ProcessContext context) {
    contract = SourceContractLocation.load(context);
  }

  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) {
    FlowFile flowFile = session.get();
    if (flowFile == null) {
      return;
    }
    String name = "feed " + contract.feed() + " file " + flowFile.getAttribute("filename");
    byte[] bytes;
    try (InputStream in = session.read(flowFile)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      fail(session, flowFile, name + ": cannot read the file: " + e.getMessage());
      return;
    }
    int perBatch = context.getProperty(RECORDS_PER_BATCH).asInteger();
    Batches batches = new Batches(session, flowFile, perBatch);
    try {
      decode(bytes, contract, name, batches);
    } catch (UnreadableFile e) {
      batches.discard();
      fail(session, flowFile, e.getMessage());
      return;
    }
    batches.finish(extraAttributes(contract));
    session.remove(flowFile);
  }

  /**
   * Writes a file's records as FlowFiles of at most {@code perBatch} records while it is decoded,
   * so only one batch is in memory; an empty file is one empty batch, so its delivery is logged.
   */
  private static final class Batches implements Consumer<RawRecord> {
    private final ProcessSession session;
    private final FlowFile file;
    private final int perBatch;
    private final List<RawRecord> pending = new ArrayList<>();
    private final List<FlowFile> written = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final List<Long> rejects = new ArrayList<>();

    Batches(ProcessSession session, FlowFile file, int perBatch) {
      this.session = session;
      this.file = file;
      this.perBatch = perBatch;
    }

    @Override
    public void accept(RawRecord record) {
      pending.add(record);
      if (pending.size() == perBatch) {
        flush();
      }
    }

    private void flush() {
      byte[] json = CsvDrop.json(pending).getBytes(StandardCharsets.UTF_8);
      written.add(session.write(session.create(file), out -> out.write(json)));
      counts.add(pending.size());
      rejects.add(pending.stream().filter(r -> r.value(IngestRules.REJECT_RULE) != null).count());
      pending.clear();
    }

    /** Writes the last batch and routes them all, numbered (fragment.count is known only now). */
    void finish(Map<String, String> extra) {
      if (!pending.isEmpty() || written.isEmpty()) {
        flush();
      }
      for (int b = 0; b < written.size(); b++) {
        Map<String, String> attributes = new HashMap<>(extra);
        attributes.put(ATTR_RECORD_COUNT, Integer.toString(counts.get(b)));
        attributes.put(ATTR_REJECTED, Long.toString(rejects.get(b)));
        attributes.put("fragment.identifier", file.getAttribute("uuid"));
        attributes.put("fragment.index", Integer.toString(b));
        attributes.put("fragment.count", Integer.toString(written.size()));
        attributes.put("mime.type", "application/json");
        session.transfer(session.putAllAttributes(written.get(b), attributes), REL_SUCCESS);
      }
    }

    /** The file turned out unreadable: nothing of it goes on. */
    void discard() {
      session.remove(written);
      pending.clear();
    }
  }

  private void fail(ProcessSession session, FlowFile flowFile, String reason) {
    getLogger().error(reason);
    session.transfer(session.putAttribute(flowFile, LandBronzeRecords.ATTR_FAILURE_REASON, reason), REL_FAILURE);
  }
}
