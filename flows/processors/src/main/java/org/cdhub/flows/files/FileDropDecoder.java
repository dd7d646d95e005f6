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
import org.cdhub.flows.landing.LandBronzeRecords;
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

  public static final PropertyDescriptor FEED = new PropertyDescriptor.Builder()
      .name("Feed")
      .description("Feed id: names the source contract of the files (and the encoding text files are decoded with)")
      .required(true)
      .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[a-z][a-z0-9_]{1,62}")))
      .build();

  public static final PropertyDescriptor CONTRACT_LOCATION = new PropertyDescriptor.Builder()
      .name("Contract Location")
      .description("Directory holding the feed's source contract <feed>.yaml, or 'bundled' for the contracts packaged with the hub")
      .required(true)
      .defaultValue(SourceContractLocation.BUNDLED)
      .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
      .build();

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("The file's records as a JSON array (all values text), rejects included as reject records")
      .build();

  public static final Relationship REL_FAILURE = new Relationship.Builder()
      .name("failure")
      .description("Files that cannot be read as their contract declares (INGEST-ENCODING, INGEST-EXCEL-WORKBOOK) or whose "
          + "header is unusable (INGEST-CSV-HEADER), content unchanged, with the reason in hub.failure.reason")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(FEED, CONTRACT_LOCATION);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

  private volatile SourceContract contract;

  /** A whole file that cannot be decoded; its message names feed, file and rule. */
  protected static final class UnreadableFile extends Exception {
    public UnreadableFile(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** One decoded file: its records as a JSON array, how many, how many of them are rejects. */
  protected record DecodedFile(String json, int records, int rejected) {}

  /** Decodes one file of {@code contract}'s feed; {@code name} names feed and file for messages. */
  protected abstract DecodedFile decode(byte[] bytes, SourceContract contract, String name) throws UnreadableFile;

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
    List<ValidationResult> problems = new ArrayList<>();
    String feed = context.getProperty(FEED).getValue();
    String location = context.getProperty(CONTRACT_LOCATION).getValue();
    if (feed != null && location != null) {
      try {
        SourceContractLocation.load(location, feed);
      } catch (RuntimeException e) {
        problems.add(new ValidationResult.Builder().subject(CONTRACT_LOCATION.getName()).input(location).valid(false)
            .explanation(e.getMessage()).build());
      }
    }
    return problems;
  }

  @OnScheduled
  public void loadContract(ProcessContext context) {
    contract = SourceContractLocation.load(context.getProperty(CONTRACT_LOCATION).getValue(), context.getProperty(FEED).getValue());
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
    DecodedFile drop;
    try {
      drop = decode(bytes, contract, name);
    } catch (UnreadableFile e) {
      fail(session, flowFile, e.getMessage());
      return;
    }
    byte[] json = drop.json().getBytes(StandardCharsets.UTF_8);
    flowFile = session.write(flowFile, out -> out.write(json));
    Map<String, String> attributes = new HashMap<>(extraAttributes(contract));
    attributes.put(ATTR_RECORD_COUNT, Integer.toString(drop.records()));
    attributes.put(ATTR_REJECTED, Integer.toString(drop.rejected()));
    attributes.put("mime.type", "application/json");
    session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
  }

  private void fail(ProcessSession session, FlowFile flowFile, String reason) {
    getLogger().error(reason);
    session.transfer(session.putAttribute(flowFile, LandBronzeRecords.ATTR_FAILURE_REASON, reason), REL_FAILURE);
  }
}
