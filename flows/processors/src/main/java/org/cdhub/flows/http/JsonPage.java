package org.cdhub.flows.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.flows.landing.IngestRules;
import org.cdhub.flows.landing.RawRecord;

/**
 * One page of a paged JSON API, {@code {"page": n, "next": "page-000m.json" | null, "items": [...]}},
 * read from the bytes received. Every item becomes a {@link RawRecord} with its values as the text
 * delivered (numbers keep their digits, nested objects and arrays become their JSON text), as the
 * file-drop decoders hand records on. An item that is not a JSON object, repeats a key or uses a
 * reserved {@code _} name becomes a reject record that LandBronzeRecords quarantines with rule
 * {@value #RULE_ITEM}; a body that is not such a page is refused as a whole ({@link BadPage}).
 *
 * @param number the page's own {@code page} value as text, null when it has none
 * @param next the {@code next} link as delivered, null on the last page
 * @param items the page's items in order, rejects included
 * @param rejected how many of {@code items} are reject records
 */
public record JsonPage(String number, String next, List<RawRecord> items, int rejected) {
  /** An item that cannot be a source record (not an object, a repeated key, a reserved name). */
  public static final String RULE_ITEM = "INGEST-JSON-ITEM";

  private static final JsonFactory FACTORY = JsonFactory.builder()
      // pages are bounded by the processor's byte limit; a single value may be as long as the page
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(64).build())
      .build();

  public JsonPage {
    items = List.copyOf(requireNonNull(items, "items is null"));
  }

  /** A body that is not a page: malformed or truncated JSON, or no {@code items} array. */
  public static final class BadPage extends Exception {
    public BadPage(String message) {
      super(message);
    }
  }

  /** Reads a page; {@code name} (e.g. "page 3 (http://.../page-0003.json)") names it in messages. */
  public static JsonPage parse(byte[] body, String name) throws BadPage {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadPage(name + " is not a JSON object (" + (body.length == 0 ? "empty body" : "starts with " + describe(p.currentToken())) + ")");
      }
      String number = null;
      String next = null;
      List<RawRecord> items = null;
      int rejected = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "page" -> number = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : skip(p);
          case "next" -> {
            if (value == JsonToken.VALUE_STRING) {
              next = p.getText();
            } else if (value != JsonToken.VALUE_NULL) {
              throw new BadPage(name + ": next must be a string or null, found " + describe(value) + at(p.currentTokenLocation()));
            }
          }
          case "items" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new BadPage(name + ": items must be an array, found " + describe(value) + at(p.currentTokenLocation()));
            }
            items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              RawRecord item = item(p, name, items.size() + 1);
              rejected += item.value(IngestRules.REJECT_RULE) == null ? 0 : 1;
              items.add(item);
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadPage(name + ": content after the page object" + at(p.currentTokenLocation()));
      }
      if (items == null) {
        throw new BadPage(name + " has no items array");
      }
      return new JsonPage(number, next, items, rejected);
    } catch (JsonEOFException e) {
      throw new BadPage(name + " is truncated: the JSON ends at byte " + body.length + " inside an unfinished "
          + (e.getTokenBeingDecoded() == null ? "value" : describe(e.getTokenBeingDecoded())));
    } catch (JsonProcessingException e) {
      throw new BadPage(name + " is malformed JSON" + at(e.getLocation()) + ": " + withoutDigits(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadPage(name + " cannot be read: " + e.getMessage());
    }
  }

  /** One element of items: an object becomes a record, anything else a reject record. */
  private static RawRecord item(JsonParser p, String name, int index) throws IOException {
    String where = name + " item " + index;
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return reject(where, "is " + describe(p.currentToken()) + ", not a JSON object", valueText(p));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String problem = null;
    StringWriter raw = new StringWriter();
    try (JsonGenerator copy = FACTORY.createGenerator(raw)) {
      copy.writeStartObject();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        String text = valueText(p);
        copy.writeFieldName(key);
        if (text == null) {
          copy.writeNull();
        } else {
          copy.writeString(text);
        }
        if (problem == null && key.startsWith("_")) {
          problem = "has the reserved field name '" + key + "' (names starting with _ belong to the hub)";
        } else if (problem == null && fields.containsKey(key)) {
          problem = "repeats the field '" + key + "'";
        }
        fields.put(key, text);
      }
      copy.writeEndObject();
    }
    return problem == null ? RawRecord.of(fields) : reject(where, problem, raw.toString());
  }

  /** Text of the current value: scalars as delivered, objects and arrays as their JSON, null as null. */
  private static String valueText(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isScalarValue()) {
      return p.getText();
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  private static RawRecord reject(String where, String problem, String raw) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put(IngestRules.REJECT_RULE, RULE_ITEM);
    r.put(IngestRules.REJECT_LINE, where);
    r.put(IngestRules.REJECT_REASON, "rule " + RULE_ITEM + ": " + where + " " + problem);
    r.put(IngestRules.REJECT_RAW, raw);
    return RawRecord.of(r);
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String at(JsonLocation location) {
    if (location == null) {
      return "";
    }
    return " at byte " + location.getByteOffset() + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case FIELD_NAME -> "a field name";
      default -> t.name();
    };
  }

  /** Parser messages quote the offending token: runs of digits (ID or phone numbers) are masked. */
  static String withoutDigits(String message) {
    return message == null ? "" : message.replaceAll("\\d{6,}", "[digits]");
  }
}
