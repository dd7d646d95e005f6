package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.cdhub.jobs.JobTable;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.jobs.RecordRows;
import org.cdhub.jobs.resolve.match.Comparison;
import org.cdhub.jobs.resolve.match.MatchModel;
import org.cdhub.jobs.resolve.match.MatchThresholds;
import org.cdhub.jobs.resolve.match.PersonComparisons;
import org.cdhub.model.entity.SilverPerson;

/**
 * Match models persisted in gold.person_match_model: a full run writes the model it estimated
 * (once per version), an incremental run reads the one the last run scored with. The version is
 * derived from every parameter, so the same model is stored once whatever run estimates it.
 */
final class MatchModels {
  private MatchModels() {}

  /** A model with the thresholds it bands by. */
  record Versioned(String version, MatchModel model, MatchThresholds thresholds) {
    Versioned {
      requireNonNull(version, "version is null");
      requireNonNull(model, "model is null");
      requireNonNull(thresholds, "thresholds is null");
    }
  }

  static Versioned versioned(MatchModel model, MatchThresholds thresholds) {
    StringBuilder text = new StringBuilder();
    for (MatchModelLevel l : levels(model, thresholds, "", "", Instant.EPOCH)) {
      text.append(l.comparison()).append('/').append(l.level()).append('/').append(Double.toHexString(l.m())).append('/')
          .append(Double.toHexString(l.u())).append(';');
    }
    text.append(Double.toHexString(model.lambda())).append('/').append(Double.toHexString(thresholds.autoMatch())).append('/')
        .append(Double.toHexString(thresholds.review()));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return new Versioned("M-" + HexFormat.of().formatHex(hash).substring(0, 16).toUpperCase(Locale.ROOT), model, thresholds);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot version a match model: SHA-256 missing from the JDK", e);
    }
  }

  /** Stores the model unless its version is stored already. */
  static void save(Lakehouse lake, Versioned model, String runId, Instant at) {
    lake.createIfMissing(JobTable.PERSON_MATCH_MODEL);
    if (!lake.read(JobTable.PERSON_MATCH_MODEL.identifier()).filter(col("model_version").equalTo(model.version())).isEmpty()) {
      return;
    }
    List<Row> rows = levels(model.model(), model.thresholds(), model.version(), runId, at).stream().map(RecordRows::toRow).toList();
    lake.append(JobTable.PERSON_MATCH_MODEL.identifier(),
        lake.spark().createDataFrame(rows, Lakehouse.sparkType(JobTable.PERSON_MATCH_MODEL.schema())), ResolvePersonJob.NAME);
  }

  /**
   * The stored model of {@code version}, or empty when it is missing or no longer fits the code's
   * comparisons (an attribute or level added since: only a full run can estimate that).
   */
  static Optional<Versioned> load(Lakehouse lake, String version) {
    if (!lake.exists(JobTable.PERSON_MATCH_MODEL.identifier())) {
      return Optional.empty();
    }
    // a few dozen rows: sorted here, not by a distributed sort's three jobs
    List<Row> rows = new ArrayList<>(lake.read(JobTable.PERSON_MATCH_MODEL.identifier()).filter(col("model_version").equalTo(version))
        .collectAsList());
    rows.sort(java.util.Comparator.<Row>comparingInt(r -> r.getAs("comparison_index")).thenComparingInt(r -> r.getAs("level_index")));
    List<Comparison<SilverPerson>> comparisons = PersonComparisons.all();
    int expected = comparisons.stream().mapToInt(c -> c.levels().size()).sum();
    if (rows.size() != expected) {
      return Optional.empty();
    }
    double[][] m = new double[comparisons.size()][];
    double[][] u = new double[comparisons.size()][];
    int i = 0;
    for (int k = 0; k < comparisons.size(); k++) {
      List<String> levels = comparisons.get(k).levels();
      m[k] = new double[levels.size()];
      u[k] = new double[levels.size()];
      for (int l = 0; l < levels.size(); l++, i++) {
        MatchModelLevel stored = RecordRows.fromRow(rows.get(i), MatchModelLevel.class);
        if (stored.comparisonIndex() != k || stored.levelIndex() != l || !stored.comparison().equals(comparisons.get(k).name())
            || !stored.level().equals(levels.get(l))) {
          return Optional.empty();
        }
        m[k][l] = stored.m();
        u[k][l] = stored.u();
      }
    }
    MatchModelLevel first = RecordRows.fromRow(rows.get(0), MatchModelLevel.class);
    MatchModel model = MatchModel.of(comparisons.stream().map(Comparison::name).toList(),
        comparisons.stream().map(Comparison::levels).toList(), first.lambda(), m, u);
    return Optional.of(new Versioned(version, model, new MatchThresholds(first.autoMatch(), first.review())));
  }

  private static List<MatchModelLevel> levels(MatchModel model, MatchThresholds thresholds, String version, String runId, Instant at) {
    List<MatchModelLevel> out = new ArrayList<>();
    for (int k = 0; k < model.size(); k++) {
      List<String> levels = model.levelNames(k);
      for (int l = 0; l < levels.size(); l++) {
        out.add(new MatchModelLevel(version, k, model.comparisonNames().get(k), l, levels.get(l), model.m(k, l), model.u(k, l),
            model.lambda(), thresholds.autoMatch(), thresholds.review(), runId, at));
      }
    }
    return out;
  }
}
