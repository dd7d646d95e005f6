package org.cdhub.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cdhub.catalog.lineage.RecordLineage;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.lineage.DatasetLineage;

/**
 * Lineage as a self-contained SVG an auditor can open in a browser: boxes in columns from
 * sources on the left to readers on the right, curves for what flowed where. Names and ids only,
 * never values.
 */
final class LineageSvg {
  private static final int BOX_W = 250;
  private static final int BOX_H = 44;
  private static final int GAP_Y = 12;
  private static final int GAP_X = 70;
  private static final int TOP = 60;
  private static final String[] FILLS = {"#e8f0fe", "#e6f4ea", "#fef7e0", "#fce8e6", "#f3e8fd", "#e0f7fa", "#f1f3f4"};

  private LineageSvg() {}

  /** One box: its id (edges name it), bold title and a detail line. */
  record Node(String id, String title, String detail) {}

  /** What flowed from one box to another. */
  record Edge(String from, String to) {}

  /** A layered picture: one heading and its boxes per column. */
  record Graph(String title, List<String> headings, List<List<Node>> columns, List<Edge> edges) {}

  /** A golden person: batches, source records, attributes, the master, API reads. */
  static String render(RecordLineage lineage) {
    Map<String, Node> batches = new LinkedHashMap<>();
    List<Node> records = new ArrayList<>();
    List<Node> attributes = new ArrayList<>();
    List<Node> reads = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (RecordLineage.SourceRecord s : lineage.sources()) {
      String batchKey = s.batchId() == null ? "?" : s.batchId();
      batches.computeIfAbsent(batchKey, k -> new Node("b:" + k, s.feed() + " " + shorten(k, 22),
          s.delivery() == null ? "no delivery logged" : shorten(s.delivery().source(), 24) + " @ " + minute(s.delivery().deliveredAt())));
      records.add(new Node("r:" + s.recordKey(), s.feed() + ":" + shorten(s.recordId(), 20),
          "linked " + s.matchRule() + (s.standardizeRun() == null ? "" : ", std " + minute(s.standardizeRun().startedAt()))));
      edges.add(new Edge("b:" + batchKey, "r:" + s.recordKey()));
    }
    lineage.attributes().forEach((name, source) -> {
      attributes.add(new Node("a:" + name, name, source.rule() + " from " + source.feed()));
      edges.add(new Edge("r:" + source.recordKey(), "a:" + name));
      edges.add(new Edge("a:" + name, "m"));
    });
    for (RecordLineage.SourceRecord s : lineage.sources()) {
      if (lineage.attributes().values().stream().noneMatch(a -> a.recordKey().equals(s.recordKey()))) {
        edges.add(new Edge("r:" + s.recordKey(), "m")); // linked, but no attribute chosen from it
      }
    }
    Node master = new Node("m", lineage.masterId(),
        "community " + lineage.communityCode() + (lineage.aliases().isEmpty() ? "" : ", aliases " + String.join(" ", lineage.aliases())));
    int rows = Math.max(Math.max(batches.size(), records.size()), Math.max(attributes.size(), 1));
    for (AuditEntry e : lineage.reads()) {
      if (reads.size() == rows) {
        break;
      }
      reads.add(new Node("q:" + reads.size(), e.event().clientId() + " " + e.event().outcome(),
          minute(e.event().at()) + " " + e.event().purpose()));
      edges.add(new Edge("m", "q:" + (reads.size() - 1)));
    }
    return render(new Graph("Lineage of master " + lineage.masterId(),
        List.of("bronze batch (delivery)", "source record (silver)", "golden attribute", "master record", "API reads (audit)"),
        List.of(List.copyOf(batches.values()), records, attributes, List.of(master), reads), edges));
  }

  /** A dataset lineage graph as a layered picture, one column per layer. */
  static Graph picture(DatasetLineage lineage, String title) {
    List<List<Node>> columns = new ArrayList<>();
    for (int i = 0; i < DatasetLineage.LAYERS.size(); i++) {
      columns.add(new ArrayList<>());
    }
    lineage.nodes().values().forEach(n -> columns.get(n.layer()).add(new Node(n.id(), n.id().replaceFirst("^(source|flow|client):", ""),
        n.label())));
    List<Edge> lines = new ArrayList<>();
    lineage.edges().values().forEach(out -> out.forEach(e -> lines.add(new Edge(e.from(), e.to()))));
    return new Graph(title, DatasetLineage.LAYERS, columns, lines);
  }

  static String render(Graph graph) {
    Map<String, int[]> at = new LinkedHashMap<>();
    int rows = 1;
    for (int c = 0; c < graph.columns().size(); c++) {
      List<Node> column = graph.columns().get(c);
      rows = Math.max(rows, column.size());
      for (int r = 0; r < column.size(); r++) {
        at.put(column.get(r).id(), new int[] {20 + c * (BOX_W + GAP_X), TOP + r * (BOX_H + GAP_Y), c});
      }
    }
    int width = 20 + Math.max(1, graph.columns().size()) * (BOX_W + GAP_X);
    int height = TOP + rows * (BOX_H + GAP_Y) + 30;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
    svg.append(String.format(Locale.ROOT, "<title>%s</title>%n", xml(graph.title())));
    svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", xml(graph.title())));
    for (int c = 0; c < graph.headings().size(); c++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"48\" font-weight=\"bold\" fill=\"#555\">%s</text>%n",
          20 + c * (BOX_W + GAP_X), xml(graph.headings().get(c))));
    }
    for (Edge e : graph.edges()) {
      int[] from = at.get(e.from());
      int[] to = at.get(e.to());
      if (from == null || to == null) {
        continue; // an end not drawn (e.g. an attribute's record no longer linked): listed in the text
      }
      int x1 = from[0] + BOX_W;
      int y1 = from[1] + BOX_H / 2;
      int x2 = to[0];
      int y2 = to[1] + BOX_H / 2;
      svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d C%d %d %d %d %d %d\" fill=\"none\" stroke=\"#888\"/>%n",
          x1, y1, x1 + GAP_X / 2, y1, x2 - GAP_X / 2, y2, x2, y2));
    }
    for (List<Node> column : graph.columns()) {
      for (Node n : column) {
        int[] p = at.get(n.id());
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"#666\"/>%n", p[0], p[1], BOX_W, BOX_H,
            FILLS[p[2] % FILLS.length]));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", p[0] + 8, p[1] + 18,
            xml(shorten(n.title(), 36))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">%s</text>%n", p[0] + 8, p[1] + 35,
            xml(shorten(n.detail(), 40))));
      }
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
