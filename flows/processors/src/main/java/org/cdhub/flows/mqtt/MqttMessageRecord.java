package org.cdhub.flows.mqtt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.RawRecord;

/**
 * One MQTT message as a source record, as a {@code json_mqtt} contract describes it: the field
 * {@value #TOPIC_FIELD} holds the message's topic, the other fields are the keys of its JSON
 * object payload, every value as the text delivered (a number keeps its literal, {@code null}
 * is no value, a nested object or array is kept as its compact JSON). A message that cannot be
 * read that way becomes a reject record ({@link IngestRules#REJECT_RULE} and friends) that
 * LandBronzeRecords quarantines with the rule: nothing is lost.
 */
public final class MqttMessageRecord {
  /** The record field holding the message's topic. */
  public static final String TOPIC_FIELD = "topic";
  /** The message has no topic (it did not come from an MQTT consumer). */
  public static final String RULE_TOPIC = "INGEST-MQTT-TOPIC";
  /** The payload is not well-formed UTF-8 JSON (truncated, wrong encoding, trailing content, duplicate keys). */
  public static final String RULE_JSON = "INGEST-MQTT-JSON";
  /** The payload is JSON but not an object. */
  public static final String RULE_OBJECT = "INGEST-MQTT-OBJECT";
  /** A payload key is blank, reserved ({@code _} prefix) or the topic field's name. */
  public static final String RULE_KEY = "INGEST-MQTT-KEY";
  /** Raw payload kept in a reject, at most this many characters. */
  static final int MAX_RAW_CHARS = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory().copy()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private MqttMessageRecord() {}

  /**
   * The record of one message.
   *
   * @param topic the message's topic (attribute {@code mqtt.topic}), null when absent
   * @param payload the message's payload bytes
   * @param maxPayloadBytes larger payloads are refused unparsed with {@link IngestRules#RULE_RECORD_SIZE}
   * @param number 1-based position of the message in its batch: the reject's line
   * @param name what to call the message in reasons (feed, batch position, topic)
   */
  public static RawRecord of(String topic, byte[] payload, int maxPayloadBytes, int number, String name) {
    requireNonNull(payload, "payload is null");
    requireNonNull(name, "name is null");
    if (topic == null || topic.isBlank()) {
      return reject(RULE_TOPIC, number, payload, name + ": rule " + RULE_TOPIC + ": the message has no MQTT topic (attribute mqtt.topic)");
    }
    if (payload.length > maxPayloadBytes) {
      return reject(IngestRules.RULE_RECORD_SIZE, number, payload, name + ": rule " + IngestRules.RULE_RECORD_SIZE
          + ": the payload has " + payload.length + " bytes, max_record_bytes allows " + maxPayloadBytes + "; not parsed");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(TOPIC_FIELD, topic);
    try (JsonParser p = FACTORY.createParser(payload)) {
      p.setCodec(JSON);
      JsonToken first = p.nextToken();
      if (first == null) {
        return reject(RULE_JSON, number, payload, name + ": rule " + RULE_JSON + ": the payload is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        return reject(RULE_OBJECT, number, payload, name + ": rule " + RULE_OBJECT + ": the payload is a JSON "
            + kind(first) + ", not an object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        if (key.isBlank() || key.startsWith("_") || key.equals(TOPIC_FIELD)) {
          return reject(RULE_KEY, number, payload, name + ": rule " + RULE_KEY + ": payload key '" + printable(key) + "' is "
              + (key.isBlank() ? "blank" : key.equals(TOPIC_FIELD) ? "the topic field's name" : "reserved (starts with _)"));
        }
        fields.put(key, value(p, p.nextToken()));
      }
      if (p.nextToken() != null) {
        return reject(RULE_JSON, number, payload, name + ": rule " + RULE_JSON + ": content follows the payload's object at byte "
            + p.currentTokenLocation().getByteOffset());
      }
    } catch (IOException e) {
      return reject(RULE_JSON, number, payload, name + ": rule " + RULE_JSON + ": the payload " + problem(e));
    }
    return RawRecord.of(fields);
  }

  private static String value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_NULL -> null;
      case START_OBJECT, START_ARRAY -> JSON.writeValueAsString(p.readValueAsTree());
      default -> p.getText(); // strings, and numbers and booleans as their literal
    };
  }

  /** What is wrong, without quoting payload content (it may hold personal data); key names are schema, not data. */
  private static String problem(IOException e) {
    long at = e instanceof StreamReadException s && s.getLocation() != null ? s.getLocation().getByteOffset() : -1;
    String where = at >= 0 ? " at byte " + at : "";
    String message = e instanceof StreamReadException s ? s.getOriginalMessage() : String.valueOf(e.getMessage());
    if (e instanceof JsonEOFException) {
      return "ends early (truncated)" + where;
    }
    if (e instanceof CharConversionException || message.startsWith("Invalid UTF-8")) {
      return "is not well-formed UTF-8" + where;
    }
    if (message.startsWith("Duplicate field")) {
      return "has a duplicate key" + where + ": " + message.replaceAll("[\\p{Cntrl}]", "?");
    }
    return "is not well-formed JSON" + where;
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  private static String printable(String key) {
    String k = key.length() > 64 ? key.substring(0, 64) + "…" : key;
    return k.replaceAll("[\\p{Cntrl}]", "?");
  }

  static RawRecord reject(String rule, int number, byte[] payload, String reason) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(IngestRules.REJECT_RULE, rule);
    fields.put(IngestRules.REJECT_LINE, Integer.toString(number));
    fields.put(IngestRules.REJECT_REASON, reason);
    fields.put(IngestRules.REJECT_RAW, raw(payload));
    return RawRecord.of(fields);
  }

  /** The payload as text for replay: UTF-8 when it is, else {@code base64:} and its bytes; cut to {@value #MAX_RAW_CHARS} chars. */
  static String raw(byte[] payload) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      text = "base64:" + Base64.getEncoder().encodeToString(payload.length > MAX_RAW_CHARS ? java.util.Arrays.copyOf(payload, MAX_RAW_CHARS) : payload);
    }
    return text.length() > MAX_RAW_CHARS ? text.substring(0, MAX_RAW_CHARS) : text;
  }
}
