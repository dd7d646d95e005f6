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
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
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
 * Turns one CSV file drop into the records LandBronzeRecords lands: decodes it with the encoding
 * the feed's contract declares ({@link DeclaredEncoding}: a wrong declaration fails the file with
 * rule INGEST-ENCODING instead of landing mojibake) and parses it ({@link CsvDrop}: unreadable
 * rows become reject records that land in quarantine with rule and line).
 */
@Tags({"hub", "csv", "gbk", "encoding", "contract", "file", "ingest"})
@CapabilityDescription("Decodes a CSV file drop with the character encoding its source contract declares (e.g. GBK or "
    + "UTF-8) and detects a wrong declaration (malformed bytes, or a file declared GBK that is UTF-8): such a file goes to "
    + "failure with rule INGEST-ENCODING, naming feed and file. Parses the CSV (header row, RFC 4180 quoting) into a JSON "
    + "array of records with every cell as text; a row with the wrong column count or an unterminated quote becomes a "
    + "reject record that LandBronzeRecords quarantines with its rule and line number. An empty file yields no records.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_RECORD_COUNT, description = "Records written, rejects included"),
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_REJECTED, description = "Rows that could not be read (quarantined downstream)"),
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_ENCODING, description = "The encoding the file was decoded with"),
    @WritesAttribute(attribute = "mime.type", description = "application/json"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: rule and reason, naming feed and file")
})
public class DecodeContractCsv extends AbstractProcessor {
  public static final String ATTR_RECORD_COUNT = "record.count";
  public static final String ATTR_REJECTED = "hub.records.rejected";
  public static final String ATTR_ENCODING = "hub.source.encoding";

  public static final PropertyDescriptor FEED = new PropertyDescriptor.Builder()
      .name("Feed")
      .description("Feed id: names the source contract whose encoding the file is decoded with")
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
      .description("Files that cannot be decoded as their contract declares (INGEST-ENCODING) or whose header is unusable "
          + "(INGEST-CSV-HEADER), content unchanged, with the reason in hub.failure.reason")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(FEED, CONTRACT_LOCATION);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

  private volatile SourceContract contract;

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
    CsvDrop drop;
    try {
      drop = CsvDrop.parse(DeclaredEncoding.decode(bytes, contract.format().encoding(), name), name);
    } catch (DeclaredEncoding.WrongEncodingException | CsvDrop.BadHeaderException e) {
      fail(session, flowFile, e.getMessage());
      return;
    }
    byte[] json = drop.json().getBytes(StandardCharsets.UTF_8);
    flowFile = session.write(flowFile, out -> out.write(json));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_RECORD_COUNT, Integer.toString(drop.records().size()));
    attributes.put(ATTR_REJECTED, Integer.toString(drop.rejected()));
    attributes.put(ATTR_ENCODING, contract.format().encoding().name());
    attributes.put("mime.type", "application/json");
    session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
  }

  private void fail(ProcessSession session, FlowFile flowFile, String reason) {
    getLogger().error(reason);
    session.transfer(session.putAttribute(flowFile, LandBronzeRecords.ATTR_FAILURE_REASON, reason), REL_FAILURE);
  }
}
