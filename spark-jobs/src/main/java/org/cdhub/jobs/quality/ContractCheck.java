package org.cdhub.jobs.quality;

import static java.util.Objects.requireNonNull;

import com.amazon.deequ.checks.Check;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * One dataset-level rule derived from a source contract, as one Deequ {@link Check} with one
 * constraint: the measured value must be at least {@code threshold}.
 *
 * @param field the contract field (or envelope column) measured, or {@link ContractChecks#DATASET}
 * @param constraint what is measured, as failure messages name it (e.g. "completeness")
 * @param severity ERROR refuses the run, WARNING is reported only
 * @param threshold least accepted value
 * @param check the Deequ check holding the one constraint
 */
public record ContractCheck(String field, String constraint, Severity severity, double threshold, Check check) {

  /** What a failed check does to the run. */
  public enum Severity {
    /** The run is refused. */
    ERROR,
    /** The run is published; the failure is reported. */
    WARNING
  }

  public ContractCheck {
    requireNonNull(field, "field is null");
    requireNonNull(constraint, "constraint is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(check, "check is null");
  }

  /** "hr_household: field xm completeness 0.58 below 0.95 (error)". */
  public String failure(String feed, double measured) {
    // size is a row count, every other check a share
    boolean count = field.equals(ContractChecks.DATASET) && constraint.equals("size");
    return subject(feed) + " " + (count ? formatCount(measured) : format(measured)) + " below "
        + (count ? formatCount(threshold) : format(threshold)) + " (" + level() + ")";
  }

  /** The check could not be measured at all (e.g. no rows): reported with Deequ's reason. */
  public String unmeasured(String feed, String reason) {
    return subject(feed) + " could not be measured: " + reason + " (" + level() + ")";
  }

  private String subject(String feed) {
    return feed + ": " + (field.equals(ContractChecks.DATASET) ? "dataset" : "field " + field) + " " + constraint;
  }

  private String level() {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  /**
   * A share or ratio: two decimals, up to four when it has them, cut (not rounded) so that a
   * value below a threshold never prints as the threshold.
   */
  static String format(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return String.valueOf(value);
    }
    String s = BigDecimal.valueOf(value).setScale(4, RoundingMode.FLOOR).toPlainString();
    while (s.endsWith("0") && s.indexOf('.') < s.length() - 3) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** A row count. */
  static String formatCount(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
