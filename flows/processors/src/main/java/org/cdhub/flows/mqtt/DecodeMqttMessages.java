package org.cdhub.flows.mqtt;

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
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
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
import org.cdhub.flows.landing.RawRecord;
import org.cdhub.flows.landing.SourceContractLocation;
import org.cdhub.model.contract.SourceContract;

/**
 * Turns MQTT messages, one FlowFile each as NiFi's ConsumeMQTT writes them (payload as content,
 * topic in {@code mqtt.topic}), into one FlowFile of records for LandBronzeRecords: a JSON array,
 * one record per message (the topic plus the payload's keys, see {@link MqttMessageRecord}),
 * messages that cannot be read as reject records. Up to {@link #MAX_MESSAGES} messages make
 * one batch, in arrival order; one trigger decodes every queued message.
 */
@Tags({"hub", "mqtt", "iot", "json", "records"})
@CapabilityDescription("Decodes MQTT messages (one FlowFile per message, as ConsumeMQTT writes them) into one JSON array of "
    + "records per batch for LandBronzeRecords: the topic plus the payload's keys, values as text; unreadable messages become "
    + "reject records that LandBronzeRecords quarantines with their rule")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@ReadsAttributes({
    @ReadsAttribute(attribute = DecodeMqttMessages.ATTR_TOPIC, description = "The message's topic: the record's topic field"),
    @ReadsAttribute(attribute = DecodeMqttMessages.ATTR_BROKER, description = "The broker, carried to the batch")})
@WritesAttributes({
    @WritesAttribute(attribute = DecodeMqttMessages.ATTR_RECORD_COUNT, description = "Records written, rejects included"),
    @WritesAttribute(attribute = DecodeMqttMessages.ATTR_REJECTED, description = "How many of them are reject records"),
    @WritesAttribute(attribute = DecodeMqttMessages.ATTR_BROKER, description = "The broker of the batch's first message")})
public class DecodeMqttMessages extends AbstractProcessor {
  public static final String ATTR_TOPIC = "mqtt.topic";
  public static final String ATTR_BROKER = "mqtt.broker";
  public static final String ATTR_RECORD_COUNT = "record.count";
  public static final String ATTR_REJECTED = "hub.records.rejected";

  public static final PropertyDescriptor FEED = SourceContractLocation.FEED;

  public static final PropertyDescriptor CONTRACT_LOCATION = SourceContractLocation.CONTRACT_LOCATION;

  public static final PropertyDescriptor MAX_MESSAGES = new PropertyDescriptor.Builder()
      .name("Max Messages per Batch")
      .description("Most messages decoded into one FlowFile, i.e. one landing batch and one Iceberg commit")
      .required(true)
      .defaultValue("1000")
      .addValidator(StandardValidators.createLongValidator(1, 100_000, true))
      .build();

  public static final Relationship REL_SUCCESS = new Relationship.Builder()
      .name("success")
      .description("One FlowFile per batch: its messages as a JSON array of records (values as text), rejects included")
      .build();

  public static final Relationship REL_FAILURE = new Relationship.Builder()
      .name("failure")
      .description("Messages whose content could not be read at all, unchanged, with the reason in hub.failure.reason")
      .build();

  private static final List<PropertyDescriptor> PROPERTIES = List.of(FEED, CONTRACT_LOCATION, MAX_MESSAGES);
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
    return SourceContractLocation.validate(context);
  }

  @OnScheduled
  public void loadContract(ProcessContext context) {
    contract = SourceContractLocation.load(context);
  }

  /** Every queued message, in batches: the stateless engine may not trigger this processor again while messages wait. */
  @Override
  public void onTrigger(ProcessContext context, ProcessSession session) {
    int max = context.getProperty(MAX_MESSAGES).asInteger();
    for (List<FlowFile> messages = session.get(max); !messages.isEmpty(); messages = session.get(max)) {
      if (!decodeBatch(session, messages)) {
        return;
      }
    }
  }

  /** One batch of messages to one FlowFile of records; false when the messages went to failure. */
  private boolean decodeBatch(ProcessSession session, List<FlowFile> messages) {
    List<RawRecord> records = new ArrayList<>(messages.size());
    int rejected = 0;
    for (int i = 0; i < messages.size(); i++) {
      FlowFile message = messages.get(i);
      String topic = message.getAttribute(ATTR_TOPIC);
      String name = "feed " + contract.feed() + " message " + (i + 1) + " of " + messages.size()
          + (topic == null ? "" : " (topic " + topic + ")");
      byte[] payload;
      try (InputStream in = session.read(message)) {
        payload = in.readAllBytes();
      } catch (IOException e) {
        String reason = name + ": cannot read the message: " + e.getMessage();
        getLogger().error(reason);
        for (FlowFile m : messages) {
          session.transfer(session.putAttribute(m, LandBronzeRecords.ATTR_FAILURE_REASON, reason), REL_FAILURE);
        }
        return false;
      }
      RawRecord record = MqttMessageRecord.of(topic, payload, contract.format().maxRecordBytes(), i + 1, name);
      rejected += record.value(org.cdhub.flows.landing.IngestRules.REJECT_RULE) == null ? 0 : 1;
      records.add(record);
    }
    FlowFile batch = session.create(messages);
    byte[] json = json(records).getBytes(StandardCharsets.UTF_8);
    batch = session.write(batch, out -> out.write(json));
    Map<String, String> attributes = new HashMap<>();
    attributes.put(ATTR_RECORD_COUNT, Integer.toString(records.size()));
    attributes.put(ATTR_REJECTED, Integer.toString(rejected));
    attributes.put("mime.type", "application/json");
    String broker = messages.get(0).getAttribute(ATTR_BROKER);
    if (broker != null) {
      attributes.put(ATTR_BROKER, broker);
    }
    session.transfer(session.putAllAttributes(batch, attributes), REL_SUCCESS);
    session.remove(messages); // their payloads are the batch's records now
    return true;
  }

  /** The records as a JSON array of canonical objects, what LandBronzeRecords' JSON reader takes. */
  static String json(List<RawRecord> records) {
    StringBuilder out = new StringBuilder(records.size() * 256 + 2).append('[');
    for (int i = 0; i < records.size(); i++) {
      out.append(i == 0 ? "" : ",\n").append(records.get(i).canonicalJson());
    }
    return out.append(']').toString();
  }
}
