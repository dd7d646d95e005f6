package org.cdhub.flows.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.cdhub.flows.landing.RawRecord;

/**
 * Turns an authenticated push body (JSON Lines, see {@link JsonLinesBody}) into the JSON array of
 * records LandBronzeRecords lands as one batch. A body over the size limit is refused with 413
 * before it is read; a body with a line that is not a JSON object (truncated upload, bad encoding,
 * duplicate field) with 400 naming the line. Either way nothing of the push is landed.
 */
@Tags({"hub", "http", "push", "json", "jsonl", "vendor"})
@CapabilityDescription("Decodes a vendor's JSON Lines push into records for LandBronzeRecords; refuses an oversize body "
    + "(413) or a malformed line (400, naming the line) as a whole.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = DecodeVendorPush.ATTR_RECORD_COUNT, description = "Records decoded, on success"),
    @WritesAttribute(attribute = PushRefusal.ATTR_STATUS, description = "400 or 413, on rejected"),
    @WritesAttribute(attribute = PushRefusal.ATTR_REASON, description = "What is wrong, naming the line, on rejected")})
public class DecodeVendorPush extends AbstractProcessor {
  public static final String ATTR_RECORD_COUNT = "record.count";

  public static final PropertyDescriptor MAX_BODY_SIZE = new PropertyDescriptor.Builder()
      .name("Maximum Body Size")
      .description("Largest push body accepted; a larger one is refused with 413 (the vendor should push fewer lines per request)")
      .required(true)
      .defaultValue("8 MB")
      .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
      .build();

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("The push's records as a JSON array (values as delivered text), with record.count")
      .build();

  public static final Relationship REL_REJECTED = new Relationship.Builder()
      .name("rejected")
      .description("Oversize (413) or malformed (400) pushes: content replaced by the response body")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(MAX_BODY_SIZE);
  private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_REJECTED);

  @Override
  protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
    return PROPERTIES;
  }

  @Override
  public Set<Relationship> getRelationships() {
    return RELATIONSHIPS;
  }

  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) {
    FlowFile flowFile = session.get();
    if (flowFile == null) {
      return;
    }
    long limit = context.getProperty(MAX_BODY_SIZE).asDataSize(DataUnit.B).longValue();
    String vendor = flowFile.getAttribute(AuthenticateVendorPush.ATTR_VENDOR);
    if (flowFile.getSize() > limit) {
      refuse(session, flowFile, vendor, new PushRefusal(413, "the body has " + flowFile.getSize() + " bytes, over the limit of "
          + limit + " bytes: push fewer lines per request"));
      return;
    }
    List<RawRecord> records;
    try (InputStream in = session.read(flowFile)) {
      records = JsonLinesBody.decode(in.readAllBytes());
    } catch (JsonLinesBody.MalformedBody e) {
      refuse(session, flowFile, vendor, new PushRefusal(400, e.getMessage()));
      return;
    } catch (IOException e) {
      throw new org.apache.nifi.processor.exception.ProcessException("Cannot read the pushed body", e);
    }
    byte[] json = JsonLinesBody.json(records).getBytes(StandardCharsets.UTF_8);
    flowFile = session.write(flowFile, out -> out.write(json));
    session.transfer(session.putAllAttributes(flowFile, Map.of(ATTR_RECORD_COUNT, Integer.toString(records.size()),
        "mime.type", "application/json")), REL_SUCCESS);
  }

  private void refuse(ProcessSession session, FlowFile flowFile, String vendor, PushRefusal refusal) {
    getLogger().warn("Refused a push of vendor {}: {} {}", vendor, refusal.status(), refusal.reason());
    session.transfer(refusal.applyTo(session, flowFile), REL_REJECTED);
  }
}
