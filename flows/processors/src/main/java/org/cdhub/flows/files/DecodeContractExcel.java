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
 * Turns one Excel (.xlsx) file drop into the records LandBronzeRecords lands ({@link ExcelDrop}):
 * first sheet, header row, cells as text, dates as ISO yyyy-MM-dd; rows with values beyond the
 * header become reject records that land in quarantine with rule and row number.
 */
@Tags({"hub", "excel", "xlsx", "contract", "file", "ingest"})
@CapabilityDescription("Reads an Excel .xlsx file drop (Apache POI): first sheet, first non-empty row as header, every "
    + "cell as text (dates as ISO yyyy-MM-dd, numbers in plain notation, formulas as their cached value) into a JSON array "
    + "of records; a row with values beyond the header becomes a reject record that LandBronzeRecords quarantines with "
    + "rule INGEST-EXCEL-COLUMNS and its row number. A file that is not a readable workbook (INGEST-EXCEL-WORKBOOK) or has "
    + "an unusable header (INGEST-CSV-HEADER) goes to failure. An empty file yields no records.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = DecodeContractExcel.ATTR_RECORD_COUNT, description = "Records written, rejects included"),
    @WritesAttribute(attribute = DecodeContractExcel.ATTR_REJECTED, description = "Rows that could not be read (quarantined downstream)"),
    @WritesAttribute(attribute = "mime.type", description = "application/json"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: rule and reason, naming feed and file")
})
public class DecodeContractExcel extends AbstractProcessor {
  public static final String ATTR_RECORD_COUNT = "record.count";
  public static final String ATTR_REJECTED = "hub.records.rejected";

  public static final PropertyDescriptor FEED = new PropertyDescriptor.Builder()
      .name("Feed")
      .description("Feed id: names the source contract of the files")
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
      .description("Files that are not readable workbooks (INGEST-EXCEL-WORKBOOK) or whose header is unusable "
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
    ExcelDrop drop;
    try {
      drop = ExcelDrop.parse(bytes, name);
    } catch (ExcelDrop.BadWorkbookException | CsvDrop.BadHeaderException e) {
      fail(session, flowFile, e.getMessage());
      return;
    }
    byte[] json = drop.json().getBytes(StandardCharsets.UTF_8);
    flowFile = session.write(flowFile, out -> out.write(json));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_RECORD_COUNT, Integer.toString(drop.records().size()));
    attributes.put(ATTR_REJECTED, Integer.toString(drop.rejected()));
    attributes.put("mime.type", "application/json");
    session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
  }

  private void fail(ProcessSession session, FlowFile flowFile, String reason) {
    getLogger().error(reason);
    session.transfer(session.putAttribute(flowFile, LandBronzeRecords.ATTR_FAILURE_REASON, reason), REL_FAILURE);
  }
}
