package org.cdhub.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cdhub.catalog.audit.AuditEntry;

/**
 * A master record's lineage as a self-contained SVG an auditor can open in a browser: deliveries
 * and batches on the left, then the source records, the golden attributes each record supplied,
 * the master, and the API reads that returned it on the right. Names and ids only, never values.
 */
final class LineageSvg {
  private static final int BOX_W = 250;
  private static final int BOX_H = 44;
  private static final int GAP_Y = 12;
  private static final int GAP_X = 70;
  private static final int TOP = 60;
  private static final String[] HEADINGS = {"bronze batch (delivery)", "source record (silver)", "golden attribute", "master record",
      "API reads (audit)"};
  private static final String[] FILLS = {"#e8f0fe", "#e6f4ea", "#fef7e0", "#fce8e6", "#f3e8fd"};

  private LineageSvg() {}

  private record Box(int column, int row, String title, String detail) {
    int x() {
      return 20 + column * (BOX_W + GAP_X);
    }

    int y() {
      return TOP + row * (BOX_H + GAP_Y);
    }
  }

  static String render(RecordLineage lineage) {
    Map<String, Box> batches = new LinkedHashMap<>();
    Map<String, Box> records = new LinkedHashMap<>();
    Map<String, Box> attributes = new LinkedHashMap<>();
    List<Box> reads = new ArrayList<>();
    List<String[]> edges = new ArrayList<>();
    for (RecordLineage.SourceRecord s : lineage.sources()) {
      String batchKey = s.batchId() == null ? "?" : s.batchId();
      batches.computeIfAbsent(batchKey, k -> new Box(0, batches.size(), s.feed() + " " + shorten(k, 22),
          s.delivery() == null ? "no delivery logged" : shorten(s.delivery().source(), 24) + " @ " + minute(s.delivery().deliveredAt())));
      records.put(s.recordKey(), new Box(1, records.size(), s.feed() + ":" + shorten(s.recordId(), 20),
          "linked " + s.matchRule() + (s.standardizeRun() == null ? "" : ", std " + minute(s.standardizeRun().startedAt()))));
      edges.add(new String[] {"b:" + batchKey, "r:" + s.recordKey()});
    }
    lineage.attributes().forEach((name, source) -> {
      attributes.put(name, new Box(2, attributes.size(), name, source.rule() + " from " + source.feed()));
      edges.add(new String[] {"r:" + source.recordKey(), "a:" + name});
      edges.add(new String[] {"a:" + name, "m"});
    });
    for (RecordLineage.SourceRecord s : lineage.sources()) {
      if (lineage.attributes().values().stream().noneMatch(a -> a.recordKey().equals(s.recordKey()))) {
        edges.add(new String[] {"r:" + s.recordKey(), "m"}); // linked, but no attribute chosen from it
      }
    }
    int rows = Math.max(Math.max(batches.size(), records.size()), Math.max(attributes.size(), 1));
    Box master = new Box(3, Math.max(0, rows / 2 - 1), lineage.masterId(),
        "community " + lineage.communityCode() + (lineage.aliases().isEmpty() ? "" : ", aliases " + String.join(" ", lineage.aliases())));
    for (AuditEntry e : lineage.reads()) {
      if (reads.size() == rows) {
        break;
      }
      reads.add(new Box(4, reads.size(), e.event().clientId() + " " + e.event().outcome(), minute(e.event().at()) + " " + e.event().purpose()));
      edges.add(new String[] {"m", "q:" + (reads.size() - 1)});
    }

    Map<String, Box> byId = new LinkedHashMap<>();
    batches.forEach((k, b) -> byId.put("b:" + k, b));
    records.forEach((k, b) -> byId.put("r:" + k, b));
    attributes.forEach((k, b) -> byId.put("a:" + k, b));
    byId.put("m", master);
    for (int i = 0; i < reads.size(); i++) {
      byId.put("q:" + i, reads.get(i));
    }
    int width = 20 + 5 * (BOX_W + GAP_X);
    int height = TOP + rows * (BOX_H + GAP_Y) + 30;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
    svg.append(String.format(Locale.ROOT, "<title>Lineage of %s</title>%n", xml(lineage.masterId())));
    svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Lineage of master %s</text>%n",
        xml(lineage.masterId())));
    for (int c = 0; c < HEADINGS.length; c++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"48\" font-weight=\"bold\" fill=\"#555\">%s</text>%n",
          20 + c * (BOX_W + GAP_X), HEADINGS[c]));
    }
    for (String[] e : edges) {
      Box from = byId.get(e[0]);
      Box to = byId.get(e[1]);
      if (from == null || to == null) {
        continue; // an attribute from a record no longer linked: listed in the text, not drawn
      }
      int x1 = from.x() + BOX_W;
      int y1 = from.y() + BOX_H / 2;
      int x2 = to.x();
      int y2 = to.y() + BOX_H / 2;
      svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d C%d %d %d %d %d %d\" fill=\"none\" stroke=\"#888\"/>%n",
          x1, y1, x1 + GAP_X / 2, y1, x2 - GAP_X / 2, y2, x2, y2));
    }
    for (Box b : byId.values()) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"#666\"/>%n", b.x(), b.y(), BOX_W, BOX_H,
          FILLS[b.column()]));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", b.x() + 8, b.y() + 18,
          xml(shorten(b.title(), 36))));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">%s</text>%n", b.x() + 8, b.y() + 35,
          xml(shorten(b.detail(), 40))));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String minute(java.time.Instant t) {
    return t == null ? "?" : t.toString().substring(0, Math.min(16, t.toString().length())).replace('T', ' ');
  }

  private static String shorten(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\t') {
            out.append(c); // control characters are not allowed in XML 1.0
          }
        }
      }
    }
    return out.toString();
  }
}
