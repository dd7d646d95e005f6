package org.cdhub.flows.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code stateValues} object of a component state serialized by the stateless engine
 * ({@code {"stateValues":{"k":"v",...},"version":"3"}}): string keys and string values only,
 * which is all a NiFi state map holds.
 */
final class StateJson {
  private final String json;
  private int pos;

  private StateJson(String json) {
    this.json = json;
  }

  /** The state values; a malformed document is an error (the state file was edited by hand or truncated). */
  static Map<String, String> stateValues(String json) {
    int key = json.indexOf("\"stateValues\"");
    if (key < 0) {
      return Map.of();
    }
    StateJson p = new StateJson(json);
    p.pos = key + "\"stateValues\"".length();
    p.expect(':');
    p.skipSpace();
    if (json.startsWith("null", p.pos)) {
      return Map.of();
    }
    p.expect('{');
    Map<String, String> values = new LinkedHashMap<>();
    p.skipSpace();
    if (p.peek() == '}') {
      return values;
    }
    while (true) {
      String k = p.string();
      p.expect(':');
      p.skipSpace();
      String v = json.startsWith("null", p.pos) ? p.skipNull() : p.string();
      values.put(k, v);
      p.skipSpace();
      char c = p.next();
      if (c == '}') {
        return values;
      }
      if (c != ',') {
        throw p.error("',' or '}'");
      }
    }
  }

  private String skipNull() {
    pos += 4;
    return null;
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > json.length()) {
            throw error("4 hex digits");
          }
          sb.append((char) Integer.parseInt(json.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("an escape");
      }
    }
  }

  private void expect(char c) {
    skipSpace();
    if (next() != c) {
      throw error("'" + c + "'");
    }
  }

  private void skipSpace() {
    while (pos < json.length() && Character.isWhitespace(json.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= json.length()) {
      throw error("more input");
    }
    return json.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private IllegalStateException error(String expected) {
    return new IllegalStateException("Malformed component state at offset " + pos + ": expected " + expected);
  }
}
