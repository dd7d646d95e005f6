package org.cdhub.launcher;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.cdhub.launcher.QualityReport.ColumnCompleteness;
import org.cdhub.launcher.QualityReport.FeedQuality;
import org.cdhub.launcher.QualityReport.RuleCount;
import org.cdhub.launcher.QualityReport.RunPoint;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Renders a {@link QualityReport} as one self-contained HTML file: inline CSS and inline SVG
 * charts, no script and nothing fetched, so it opens on an offline machine. The markup is also
 * well-formed XML. Every string from the data goes through {@link #escape}.
 */
final class QualityHtml {
  /** How many rules the bar chart draws; the table below it lists them all. */
  static final int MAX_BARS = 30;
  private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#17becf", "#7f7f7f", "#bcbd22"};
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int WIDTH = 720;

  private static final String CSS = """
      body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}
      h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em;margin-top:1.4em}
      table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
      td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
      .REFUSED{color:#b00020;font-weight:bold}.PUBLISHED{color:#1b5e20}
      .meta{color:#666}.reason{color:#555;font-size:.9em;word-break:break-all}
      svg{display:block;margin:.4em 0;font-size:11px}svg text{fill:#333}
      .axis{stroke:#999;stroke-width:1}.grid{stroke:#eee;stroke-width:1}
      .legend span{display:inline-block;margin-right:1.2em}.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
      """;

  private QualityHtml() {}

  static String render(QualityReport report, Instant generatedAt) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>Data quality per feed</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>Data quality per feed</h1>\n<p class=\"meta\">Generated ").append(escape(generatedAt.toString()))
        .append(" from ").append(LakehouseTable.QUALITY_RUN.qualifiedName()).append(", ")
        .append(LakehouseTable.QUALITY_METRIC.qualifiedName()).append(" and ").append(LakehouseTable.QUARANTINE.qualifiedName())
        .append(report.feedFilter() == null ? "" : "; feed " + escape(report.feedFilter())).append(".</p>\n");
    if (report.isEmpty()) {
      h.append("<p>").append(escape(QualityTerminal.emptyMessage(report))).append("</p>\n");
    } else {
      summary(h, report);
      for (int i = 0; i < report.feeds().size(); i++) {
        feed(h, report.feeds().get(i), i + 1);
      }
    }
    return h.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder h, QualityReport report) {
    h.append("<table class=\"summary\">\n<thead><tr><th>feed</th><th>entity</th><th>latest run</th><th>status</th>")
        .append("<th>rows in</th><th>silver</th><th>quarantined</th><th>share</th><th>checks failed</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < report.feeds().size(); i++) {
      FeedQuality f = report.feeds().get(i);
      RunPoint r = f.latest();
      h.append("<tr><td><a href=\"#feed-").append(i + 1).append("\">").append(escape(f.feed())).append("</a></td><td>")
          .append(escape(f.entity())).append("</td><td>").append(escape(String.valueOf(r.startedAt()))).append("</td><td class=\"")
          .append(r.status()).append("\">").append(r.status()).append("</td>").append(num(r.rowsIn())).append(num(r.silverRows()))
          .append(num(r.quarantinedRows())).append("<td class=\"n\">").append(QualityTerminal.percent(r.quarantineShare()))
          .append("</td>").append(num(r.checksFailed())).append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void feed(StringBuilder h, FeedQuality f, int index) {
    RunPoint r = f.latest();
    h.append("<section class=\"feed\" id=\"feed-").append(index).append("\">\n<h2>").append(escape(f.feed()))
        .append(" <small>(").append(escape(f.entity())).append(")</small></h2>\n<p>Latest run <code>").append(escape(r.runId()))
        .append("</code> at ").append(escape(String.valueOf(r.startedAt()))).append(": <span class=\"").append(r.status())
        .append("\">").append(r.status()).append("</span>. Rows in ").append(r.rowsIn()).append(", silver ").append(r.silverRows())
        .append(", quarantined ").append(r.quarantinedRows()).append(" (").append(QualityTerminal.percent(r.quarantineShare()))
        .append("); checks passed ").append(r.checksPassed()).append(", failed ").append(r.checksFailed()).append('.')
        .append(f.lastRecordedAt().isAfter(r.startedAt())
            ? " Last checked " + escape(f.lastRecordedAt().toString()) + ": no new bronze batches since." : "")
        .append("</p>\n");

    h.append("<h3>Quarantined rows by stage and rule (all batches)</h3>\n");
    if (f.rules().isEmpty()) {
      h.append("<p>No rows of this feed in ").append(LakehouseTable.QUARANTINE.qualifiedName()).append(".</p>\n");
    } else {
      barChart(h, f.rules());
      h.append("<table class=\"rules\">\n<thead><tr><th>stage</th><th>rule</th><th>rows</th><th>example reason</th></tr></thead>\n<tbody>\n");
      for (RuleCount c : f.rules()) {
        h.append("<tr><td>").append(escape(c.stage())).append("</td><td>").append(escape(c.rule())).append("</td>")
            .append(num(c.rows())).append("<td class=\"reason\">").append(escape(c.exampleReason())).append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    }

    List<String> xs = f.trend().stream().map(p -> RUN_TIME.format(p.startedAt())).toList();
    h.append("<h3>Rows per run (last ").append(f.trend().size()).append(")</h3>\n");
    List<Series> rows = List.of(
        new Series("rows in", f.trend().stream().map(p -> (Double) (double) p.rowsIn()).toList()),
        new Series("silver", f.trend().stream().map(p -> (Double) (double) p.silverRows()).toList()),
        new Series("quarantined", f.trend().stream().map(p -> (Double) (double) p.quarantinedRows()).toList()));
    double max = f.trend().stream().mapToLong(p -> Math.max(p.rowsIn(), Math.max(p.silverRows(), p.quarantinedRows()))).max().orElse(0);
    lineChart(h, "runs", xs, f.trend(), rows, niceMax(max), v -> String.format(Locale.ROOT, "%,.0f", v));

    h.append("<h3>Completeness per column</h3>\n");
    if (f.completeness().isEmpty()) {
      h.append("<p>No ").append(QualityReport.COMPLETENESS).append(" metrics in ").append(LakehouseTable.QUALITY_METRIC.qualifiedName())
          .append(" for these runs.</p>\n");
    } else {
      List<Series> columns = new ArrayList<>();
      for (ColumnCompleteness c : f.completeness()) {
        columns.add(new Series(c.column(), c.values()));
      }
      lineChart(h, "completeness", xs, f.trend(), columns, 1.0, v -> QualityTerminal.percent(v));
    }

    items(h, "Failures of the latest run", r.failures());
    items(h, "Anomalies of the latest run", r.anomalies());
    h.append("</section>\n");
  }

  /** One horizontal bar per stage and rule, longest first. */
  private static void barChart(StringBuilder h, List<RuleCount> rules) {
    List<RuleCount> shown = rules.subList(0, Math.min(MAX_BARS, rules.size()));
    int labelWidth = 240;
    int barArea = WIDTH - labelWidth - 70;
    int rowHeight = 22;
    int height = shown.size() * rowHeight + 10;
    long max = shown.stream().mapToLong(RuleCount::rows).max().orElse(1);
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart rules\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"Quarantined rows by stage and rule\">\n");
    for (int i = 0; i < shown.size(); i++) {
      RuleCount c = shown.get(i);
      int y = 5 + i * rowHeight;
      double w = max == 0 ? 0 : Math.max(1, (double) c.rows() / max * barArea);
      String label = c.stage() + " " + c.rule();
      h.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">")
          .append(escape(shorten(label, 38))).append("</text>\n")
          .append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 2).append("\" width=\"")
          .append(fmt(w)).append("\" height=\"").append(rowHeight - 6).append("\" fill=\"").append(COLORS[0]).append("\"><title>")
          .append(escape(label + ": " + c.rows() + " rows")).append("</title></rect>\n")
          .append("<text x=\"").append(fmt(labelWidth + w + 5)).append("\" y=\"").append(y + 15).append("\">").append(c.rows())
          .append("</text>\n");
    }
    h.append("</svg>\n");
    if (rules.size() > shown.size()) {
      h.append("<p class=\"meta\">The chart shows the ").append(shown.size()).append(" largest of ").append(rules.size())
          .append(" rules; the table lists all.</p>\n");
    }
  }

  /** A line with one point per run for each series, on a y axis from 0 to {@code yMax}; null values are gaps. */
  private static void lineChart(StringBuilder h, String cssClass, List<String> xs, List<RunPoint> runs, List<Series> series,
      double yMax, DoubleFunction<String> label) {
    int left = 70;
    int right = 40;
    int top = 12;
    int plot = 200;
    int height = top + plot + 40;
    double step = xs.size() <= 1 ? 0 : (double) (WIDTH - left - right) / (xs.size() - 1);
    double scale = yMax <= 0 ? 0 : plot / yMax;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(cssClass).append("\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\">\n");
    for (int g = 0; g <= 4; g++) {
      double v = yMax * g / 4;
      double y = top + plot - v * scale;
      h.append("<line class=\"grid\" x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
          .append(WIDTH - right).append("\" y2=\"").append(fmt(y)).append("\"/>\n<text x=\"").append(left - 6).append("\" y=\"")
          .append(fmt(y + 4)).append("\" text-anchor=\"end\">").append(escape(label.apply(v))).append("</text>\n");
    }
    h.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top + plot).append("\" x2=\"")
        .append(WIDTH - right).append("\" y2=\"").append(top + plot).append("\"/>\n");
    for (int i = 0; i < xs.size(); i++) {
      // label every run when few, otherwise about eight of them
      if (xs.size() <= 8 || i % ((xs.size() + 7) / 8) == 0 || i == xs.size() - 1) {
        h.append("<text x=\"").append(fmt(x(left, right, step, i, xs.size()))).append("\" y=\"").append(top + plot + 18)
            .append("\" text-anchor=\"middle\">").append(escape(xs.get(i))).append("</text>\n");
      }
    }
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String color = COLORS[s % COLORS.length];
      h.append("<g class=\"series\" stroke=\"").append(color).append("\" fill=\"").append(color).append("\">\n");
      StringBuilder points = new StringBuilder();
      StringBuilder circles = new StringBuilder();
      for (int i = 0; i < line.values().size(); i++) {
        Double v = line.values().get(i);
        if (v == null) {
          flush(h, points);
          continue;
        }
        double x = x(left, right, step, i, xs.size());
        double y = top + plot - Math.min(v, yMax) * scale;
        points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        circles.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3\"><title>")
            .append(escape(line.name() + ", run " + runs.get(i).runId() + " (" + xs.get(i) + "): " + label.apply(v)))
            .append("</title></circle>\n");
      }
      flush(h, points);
      h.append(circles).append("</g>\n");
    }
    h.append("</svg>\n<p class=\"legend\">");
    for (int s = 0; s < series.size(); s++) {
      h.append("<span><span class=\"swatch\" style=\"background:").append(COLORS[s % COLORS.length]).append("\"></span>")
          .append(escape(series.get(s).name())).append("</span>");
    }
    h.append("</p>\n");
  }

  private static void flush(StringBuilder h, StringBuilder points) {
    if (!points.isEmpty()) {
      h.append("<polyline fill=\"none\" stroke-width=\"2\" points=\"").append(points.toString().strip()).append("\"/>\n");
      points.setLength(0);
    }
  }

  private static double x(int left, int right, double step, int i, int n) {
    return n <= 1 ? left + (WIDTH - left - right) / 2.0 : left + i * step;
  }

  private static void items(StringBuilder h, String title, List<String> items) {
    h.append("<h3>").append(title).append("</h3>\n");
    if (items.isEmpty()) {
      h.append("<p>None.</p>\n");
      return;
    }
    h.append("<ul>\n");
    items.forEach(i -> h.append("<li>").append(escape(i)).append("</li>\n"));
    h.append("</ul>\n");
  }

  /**
   * Text for element content and quoted attributes. Characters that HTML and XML do not allow
   * (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD so the file stays well-formed.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\t', '\n', '\r' -> sb.append(' ');
        default -> {
          if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF || cp == 0xFFFE || cp == 0xFFFF) {
            sb.append('\uFFFD');
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.toString();
  }

  private static String shorten(String s, int max) {
    return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String num(long n) {
    return "<td class=\"n\">" + n + "</td>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A round axis maximum at or above {@code max}: 1, 2 or 5 times a power of ten. */
  static double niceMax(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= max) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private record Series(String name, List<Double> values) {}
}
