package org.cdhub.launcher;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.cdhub.launcher.QualityReport.FeedQuality;
import org.cdhub.launcher.QualityReport.RuleCount;
import org.cdhub.launcher.QualityReport.RunPoint;
import org.cdhub.model.lakehouse.LakehouseTable;

/** Renders a {@link QualityReport} as plain text for the terminal. */
final class QualityTerminal {
  /** How many rules per feed the terminal lists; the HTML report has them all. */
  static final int TOP_RULES = 10;
  /** How many of the least complete columns the terminal names. */
  static final int TOP_COLUMNS = 6;
  private static final String BLOCKS = "▁▂▃▄▅▆▇█";

  private QualityTerminal() {}

  static String render(QualityReport report) {
    StringBuilder out = new StringBuilder();
    if (report.isEmpty()) {
      out.append(emptyMessage(report)).append('\n');
      return out.toString();
    }
    for (FeedQuality f : report.feeds()) {
      RunPoint latest = f.latest();
      line(out, "%s (%s)", clean(f.feed()), clean(f.entity()));
      line(out, "  latest run %s %s at %s: %s", clean(latest.runId()), latest.status(), latest.startedAt(),
          latest.refused() ? "nothing published, the batches stay pending" : "published");
      if (f.lastRecordedAt().isAfter(latest.startedAt())) {
        line(out, "  last checked %s: no new bronze batches since", f.lastRecordedAt());
      }
      line(out, "  rows in %d, silver %d, quarantined %d (%s), checks passed %d, failed %d, %.1f s",
          latest.rowsIn(), latest.silverRows(), latest.quarantinedRows(), percent(latest.quarantineShare()),
          latest.checksPassed(), latest.checksFailed(), latest.durationMs() / 1000.0);
      if (f.rules().isEmpty()) {
        line(out, "  quarantine: no rows in %s", LakehouseTable.QUARANTINE.qualifiedName());
      } else {
        line(out, "  quarantine by stage and rule (%d rows in %s, all batches):", f.quarantineTotal(),
            LakehouseTable.QUARANTINE.qualifiedName());
        List<RuleCount> top = f.rules().subList(0, Math.min(TOP_RULES, f.rules().size()));
        for (RuleCount r : top) {
          line(out, "    %-11s %-28s %9d  %s", clean(r.stage()), clean(r.rule()), r.rows(),
              r.exampleReason() == null ? "" : "e.g. " + clean(r.exampleReason()));
        }
        if (f.rules().size() > top.size()) {
          long rest = f.quarantineTotal() - top.stream().mapToLong(RuleCount::rows).sum();
          line(out, "    ... %d more rules, %d rows", f.rules().size() - top.size(), rest);
        }
      }
      List<RunPoint> trend = f.trend();
      line(out, "  trend, last %d run%s (oldest first):", trend.size(), trend.size() == 1 ? "" : "s");
      line(out, "    rows in      %s  %s", sparkline(trend, r -> r.rowsIn()), join(trend, r -> Long.toString(r.rowsIn())));
      line(out, "    quarantined  %s  %s", sparkline(trend, RunPoint::quarantineShare),
          join(trend, r -> percent(r.quarantineShare())));
      line(out, "    status       %s", join(trend, r -> r.refused() ? "REFUSED" : "ok"));
      completeness(out, f);
      list(out, "failures", latest.failures());
      list(out, "anomalies", latest.anomalies());
      out.append('\n');
    }
    if (report.anyLatestRefused()) {
      out.append("The latest run of at least one feed was REFUSED: fix the data or the checks and run ./hub run standardize again.\n");
    }
    return out.toString();
  }

  static String emptyMessage(QualityReport report) {
    return report.feedFilter() == null
        ? "No standardize runs recorded yet in " + LakehouseTable.QUALITY_RUN.qualifiedName()
            + ": run ./hub ingest and ./hub run standardize first."
        : "No standardize runs recorded in " + LakehouseTable.QUALITY_RUN.qualifiedName() + " for feed "
            + clean(report.feedFilter()) + ": check the name, or run ./hub run standardize first.";
  }

  /** Bars scaled from the smallest to the largest value; a flat series sits in the middle. */
  static String sparkline(List<RunPoint> runs, ToDoubleFunction<RunPoint> value) {
    double min = runs.stream().mapToDouble(value).min().orElse(0);
    double max = runs.stream().mapToDouble(value).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (RunPoint r : runs) {
      double v = value.applyAsDouble(r);
      int level = max == min ? (max == 0 ? 0 : BLOCKS.length() / 2) : (int) Math.round((v - min) / (max - min) * (BLOCKS.length() - 1));
      sb.append(BLOCKS.charAt(level));
    }
    return sb.toString();
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** Control characters from the data (escape sequences, line breaks) are shown, not obeyed. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  /** The least complete columns of the latest run, where it was measured. */
  private static void completeness(StringBuilder out, FeedQuality f) {
    int last = f.trend().size() - 1;
    List<String> lowest = f.completeness().stream()
        .filter(c -> c.values().get(last) != null)
        .sorted(java.util.Comparator.comparingDouble((QualityReport.ColumnCompleteness c) -> c.values().get(last))
            .thenComparing(QualityReport.ColumnCompleteness::column))
        .limit(TOP_COLUMNS)
        .map(c -> clean(c.column()) + " " + percent(c.values().get(last)))
        .toList();
    if (!lowest.isEmpty()) {
      line(out, "  completeness of the latest run, lowest first: %s", String.join(", ", lowest));
    }
  }

  private static void list(StringBuilder out, String what, List<String> items) {
    if (items.isEmpty()) {
      line(out, "  %s of the latest run: none", what);
      return;
    }
    line(out, "  %s of the latest run:", what);
    items.forEach(i -> line(out, "    - %s", clean(i)));
  }

  private static String join(List<RunPoint> runs, java.util.function.Function<RunPoint, String> f) {
    return String.join(" ", runs.stream().map(f).toList());
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
