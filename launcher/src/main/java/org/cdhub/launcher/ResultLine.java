package org.cdhub.launcher;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one summary line a child process prints last on stdout, e.g.
 * {@code INGEST feed=hr_household read=10 landed=9 quarantined=1}.
 */
public record ResultLine(String kind, Map<String, String> values) {
  public ResultLine {
    requireNonNull(kind, "kind is null");
    values = Map.copyOf(values);
  }

  /** The last line of {@code lines} that starts with {@code kind}. */
  public static ResultLine find(String kind, List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).trim();
      if (line.startsWith(kind + " ")) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String token : line.substring(kind.length()).trim().split("\\s+")) {
          int eq = token.indexOf('=');
          if (eq > 0) {
            values.put(token.substring(0, eq), token.substring(eq + 1));
          }
        }
        return new ResultLine(kind, values);
      }
    }
    throw new IllegalStateException("Cannot find the " + kind + " result line in the process output: " + tail(lines));
  }

  public long number(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalStateException("Result line " + kind + " has no " + key + ": " + values);
    }
    return Long.parseLong(v);
  }

  public String text(String key) {
    return values.getOrDefault(key, "");
  }

  private static String tail(List<String> lines) {
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
