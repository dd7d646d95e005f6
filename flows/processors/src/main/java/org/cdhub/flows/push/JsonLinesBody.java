package org.cdhub.flows.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.flows.landing.RawRecord;

/**
 * A vendor's push body: UTF-8, one JSON object per line (JSON Lines), blank lines ignored. Every
 * value is kept as the text delivered (a number as its literal, {@code true}/{@code false}, a nested
 * object or array as its compact JSON); {@code null} means no value. The body is all or nothing: the
 * first line that is not a well-formed JSON object refuses the whole push, naming the line, so
 * that a truncated upload never lands half a batch. Messages never quote the pushed text.
 */
public final class JsonLinesBody {
  /** Field names the bronze envelope uses ({@code _source_system}, {@code _batch_id}, ...). */
  static final String RESERVED_PREFIX = "_";
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper NESTED = JsonMapper.builder(JSON).build();

  private JsonLinesBody() {
  }

  /** A body that cannot be landed; the message names the line and what is wrong with it. */
  public static final class MalformedBody extends Exception {
    private final int line;

    MalformedBody(int line, String reason) {
      super(line > 0 ? "line " + line + ": " + reason : reason);
      this.line = line;
    }

    /** 1-based line number, 0 when the body as a whole is at fault. */
    public int line() {
      return line;
    }
  }

  /** The records of a body, in line order. */
  public static List<RawRecord> decode(byte[] body) throws MalformedBody {
    List<RawRecord> records = new ArrayList<>();
    int start = 0;
    int line = 0;
    while (start < body.length) {
      line++;
      int end = indexOf(body, (byte) '\n', start);
      int stop = end < 0 ? body.length : end;
      int contentEnd = stop > start && body[stop - 1] == '\r' ? stop - 1 : stop;
      int contentStart = line == 1 ? skipBom(body, start, contentEnd) : start;
      String text = utf8(body, contentStart, contentEnd, line);
      if (!text.isBlank()) {
        records.add(RawRecord.of(object(text, line)));
      }
      start = end < 0 ? body.length : end + 1;
    }
    if (records.isEmpty()) {
      throw new MalformedBody(0, "the body holds no JSON lines (one JSON object per line expected)");
    }
    return records;
  }

  private static Map<String, String> object(String text, int line) throws MalformedBody {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedBody(line, "not a JSON object (starts with " + describe(first) + ")");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (name.isBlank() || name.startsWith(RESERVED_PREFIX)) {
          throw new MalformedBody(line, "field " + (fields.size() + 1) + " has a blank name or one starting with '_'"
              + " (reserved for the hub's envelope)");
        }
        JsonToken value = p.nextToken();
        fields.put(name, switch (value) {
          case VALUE_NULL -> null;
          case START_OBJECT, START_ARRAY -> NESTED.writeValueAsString(NESTED.readTree(p));
          default -> p.getText(); // strings as decoded, numbers and booleans as their literal text
        });
      }
      if (p.nextToken() != null) {
        throw new MalformedBody(line, "more than one JSON value on the line (column " + p.currentLocation().getColumnNr() + ")");
      }
      return fields;
    } catch (JsonEOFException e) {
      throw new MalformedBody(line, "truncated: the JSON object is not closed (the line ends at column "
          + e.getLocation().getColumnNr() + ")");
    } catch (StreamReadException e) {
      // Jackson's own message may quote the offending token (pushed data): report position and kind only
      String kind = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
          ? "a field name appears twice" : "malformed JSON";
      throw new MalformedBody(line, kind + " at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new MalformedBody(line, "unreadable JSON: " + e.getClass().getSimpleName());
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
    };
  }

  /** Strict UTF-8: a malformed byte refuses the push rather than landing a replacement character. */
  private static String utf8(byte[] body, int from, int to, int line) throws MalformedBody {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedBody(line, "not UTF-8 (the contract declares UTF-8): " + e.getClass().getSimpleName());
    }
  }

  private static int skipBom(byte[] b, int from, int to) {
    return to - from >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF ? from + 3 : from;
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /** Records as a JSON array of their canonical forms: what LandBronzeRecords' JSON reader takes. */
  public static String json(List<RawRecord> records) {
    StringBuilder out = new StringBuilder(records.size() * 256 + 2).append('[');
    for (int i = 0; i < records.size(); i++) {
      out.append(i == 0 ? "" : ",").append(records.get(i).canonicalJson());
    }
    return out.append(']').toString();
  }
}
