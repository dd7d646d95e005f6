package org.cdhub.jobs.quality;

import static java.util.Objects.requireNonNull;

import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.cdhub.jobs.quality.ContractCheck.Severity;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.ExportDate;
import org.cdhub.model.contract.FieldFormat;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import scala.Function1;
import scala.Option;

/**
 * The dataset-level checks a source contract implies for one run's bronze rows (all raw
 * strings; blank counts as missing): size, completeness of required fields, compliance of code
 * patterns and allowed values, plausible birth dates, valid citizen ID numbers and uniqueness
 * of the record id within a batch. Row-level rules stay in the kernel: the ID and date checks
 * call it through Spark functions ({@link #registerFunctions}).
 */
public final class ContractChecks {
  /** The {@link ContractCheck#field()} of checks on the whole run, and the instance of its metrics. */
  public static final String DATASET = "Dataset";

  /** {@code hub_blank_to_null(s)}: null for null or blank strings, else s unchanged. */
  public static final String BLANK_TO_NULL = "hub_blank_to_null";
  /** {@code hub_strip(s)}: s without leading and trailing white space (as the standardizers compare codes). */
  public static final String STRIP = "hub_strip";
  /** {@code hub_citizen_id_valid(s)}: whether the kernel's {@link CitizenIdNumber#check} accepts s; null for null. */
  public static final String CITIZEN_ID_VALID = "hub_citizen_id_valid";
  /** {@code hub_export_date(s, patterns)}: the date the kernel's {@link ExportDate#check(String, String)} reads, or null. */
  public static final String EXPORT_DATE = "hub_export_date";

  static final List<String> ENVELOPE = List.of(BronzeEnvelope.SOURCE_RECORD_ID, BronzeEnvelope.BATCH_ID);

  private final SourceContract contract;
  private final List<ContractCheck> checks;
  private final List<String> completenessFields;

  private ContractChecks(SourceContract contract, List<ContractCheck> checks, List<String> completenessFields) {
    this.contract = contract;
    this.checks = List.copyOf(checks);
    this.completenessFields = List.copyOf(completenessFields);
  }

  /**
   * Derives the checks of a contract. {@code today} bounds plausible birth dates.
   *
   * @throws IllegalArgumentException if a date pattern of the contract is malformed (names feed and field)
   */
  public static ContractChecks of(SourceContract contract, QualityThresholds thresholds, LocalDate today) {
    requireNonNull(contract, "contract is null");
    requireNonNull(thresholds, "thresholds is null");
    requireNonNull(today, "today is null");
    String feed = contract.feed();
    List<ContractCheck> checks = new ArrayList<>();
    List<String> completeness = new ArrayList<>();

    checks.add(new ContractCheck(DATASET, "size", Severity.ERROR, 1,
        check(feed, Severity.ERROR, "size").hasSize(atLeast(1), Option.empty())));

    for (FieldSpec f : contract.fields()) {
      String name = f.name();
      if (f.required()) {
        completeness.add(name);
        checks.add(new ContractCheck(name, "completeness", Severity.ERROR, thresholds.requiredCompleteness(),
            check(feed, Severity.ERROR, name + " completeness")
                .hasCompleteness(name, atLeast(thresholds.requiredCompleteness()), Option.empty(), Option.empty())));
      } else if (f.mapsTo() != null) {
        completeness.add(name);
      }
      if (f.format() == FieldFormat.CODE && f.pattern() != null && !f.pattern().isBlank()) {
        // the standardizers match the whole stripped value: ^...\z on hub_strip is the same
        String predicate = missing(name) + " OR " + STRIP + "(" + q(name) + ") RLIKE " + sqlString("^(?:" + f.pattern() + ")\\z");
        checks.add(compliance(feed, name, "pattern", "pattern compliance", predicate, Severity.ERROR, thresholds.codeCompliance()));
      }
      if (!f.allowedValues().isEmpty()) {
        String values = f.allowedValues().stream().map(ContractChecks::sqlString).collect(Collectors.joining(", "));
        String predicate = missing(name) + " OR " + STRIP + "(" + q(name) + ") IN (" + values + ")";
        checks.add(compliance(feed, name, "allowed_values", "allowed values compliance", predicate, Severity.ERROR, thresholds.codeCompliance()));
      }
      if (f.format() == FieldFormat.DATE && "birth_date".equals(f.mapsTo())) {
        validateDatePattern(feed, f);
        String patterns = f.pattern() == null ? "CAST(NULL AS STRING)" : sqlString(f.pattern());
        String predicate = missing(name) + " OR coalesce(" + EXPORT_DATE + "(" + q(name) + ", " + patterns + ") BETWEEN DATE "
            + sqlString(thresholds.earliestBirthDate().toString()) + " AND DATE " + sqlString(today.toString()) + ", false)";
        checks.add(compliance(feed, name, "birth_date_range",
            "plausible birth dates (" + thresholds.earliestBirthDate() + ".." + today + ")", predicate, Severity.ERROR, thresholds.codeCompliance()));
      }
      if (f.format() == FieldFormat.CITIZEN_ID) {
        String predicate = missing(name) + " OR coalesce(" + CITIZEN_ID_VALID + "(" + q(name) + "), false)";
        checks.add(compliance(feed, name, "citizen_id_valid", "citizen ID checksum valid", predicate, Severity.ERROR, thresholds.citizenIdValidity()));
      }
    }

    scala.collection.Seq<String> idColumns = scala.collection.JavaConverters.asScalaBuffer(ENVELOPE).toList();
    checks.add(new ContractCheck(BronzeEnvelope.SOURCE_RECORD_ID, "uniqueness within its batch", Severity.WARNING, thresholds.recordIdUniqueness(),
        check(feed, Severity.WARNING, "record id uniqueness")
            .hasUniqueness(idColumns, atLeast(thresholds.recordIdUniqueness()), Option.empty(), Option.empty())));
    return new ContractChecks(contract, checks, completeness);
  }

  public SourceContract contract() {
    return contract;
  }

  /** Every derived check, in contract field order (size first, uniqueness last). */
  public List<ContractCheck> checks() {
    return checks;
  }

  /** The Deequ checks, for a VerificationSuite. */
  public List<Check> deequChecks() {
    return checks.stream().map(ContractCheck::check).toList();
  }

  /** Fields whose completeness is measured and compared with history: required ones and mapped optional ones. */
  public List<String> completenessFields() {
    return completenessFields;
  }

  /**
   * The run's rows as the checks read them: the record id and batch columns, then each contract
   * field with blank values as null.
   *
   * @throws IllegalArgumentException if a column is missing (names feed and column)
   */
  public Dataset<Row> prepare(Dataset<Row> bronzeRun) {
    requireNonNull(bronzeRun, "bronzeRun is null");
    List<String> present = Arrays.asList(bronzeRun.columns());
    List<Column> columns = new ArrayList<>();
    for (String envelope : ENVELOPE) {
      columns.add(bronzeRun.col(q(require(present, envelope))));
    }
    for (FieldSpec f : contract.fields()) {
      columns.add(functions.callUDF(BLANK_TO_NULL, bronzeRun.col(q(require(present, f.name())))).as(f.name()));
    }
    return bronzeRun.select(columns.toArray(Column[]::new));
  }

  private String require(List<String> present, String column) {
    if (!present.contains(column)) {
      throw new IllegalArgumentException("Cannot check feed " + contract.feed() + ": the bronze rows have no column " + column);
    }
    return column;
  }

  /** Registers the kernel-backed functions the checks call; a session that has them keeps them. */
  public static void registerFunctions(SparkSession spark) {
    requireNonNull(spark, "spark is null");
    if (spark.catalog().functionExists(EXPORT_DATE)) {
      return;
    }
    spark.udf().register(BLANK_TO_NULL, (UDF1<String, String>) s -> s == null || s.isBlank() ? null : s, DataTypes.StringType);
    spark.udf().register(STRIP, (UDF1<String, String>) s -> s == null ? null : s.strip(), DataTypes.StringType);
    spark.udf().register(CITIZEN_ID_VALID, (UDF1<String, Boolean>) s -> s == null ? null : CitizenIdNumber.check(s).valid(), DataTypes.BooleanType);
    spark.udf().register(EXPORT_DATE, (UDF2<String, String, LocalDate>) (s, patterns) -> {
      if (s == null) {
        return null;
      }
      Checked<LocalDate> date = ExportDate.check(s, patterns);
      return date.valid() ? date.value() : null;
    }, DataTypes.DateType);
  }

  private static void validateDatePattern(String feed, FieldSpec f) {
    try {
      ExportDate.check("19700101", f.pattern());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid contract " + feed + ": field " + f.name() + " has a malformed date pattern: " + e.getMessage(), e);
    }
  }

  private static ContractCheck compliance(
      String feed, String field, String key, String constraint, String predicate, Severity severity, double threshold) {
    // the constraint name is the Compliance metric's instance: "<field>:<key>"
    Check check = check(feed, severity, field + " " + key);
    check = check.satisfies(predicate, field + ":" + key, atLeast(threshold), Option.empty(), check.satisfies$default$5(), Option.empty());
    return new ContractCheck(field, constraint, severity, threshold, check);
  }

  private static Check check(String feed, Severity severity, String what) {
    scala.Enumeration.Value level = severity == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning();
    return new Check(level, feed + ": " + what, Check.$lessinit$greater$default$3());
  }

  private static Function1<Object, Object> atLeast(double threshold) {
    return value -> ((Number) value).doubleValue() >= threshold;
  }

  private static String missing(String column) {
    return q(column) + " IS NULL";
  }

  /** A column name quoted for Spark SQL. */
  static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** A Spark SQL string literal (backslash escapes are on by default). */
  static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  Optional<ContractCheck> find(String field, String constraint) {
    return checks.stream().filter(c -> c.field().equals(field) && c.constraint().equals(constraint)).findFirst();
  }
}
