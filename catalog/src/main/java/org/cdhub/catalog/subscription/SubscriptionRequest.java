package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a department asks for: some columns of one catalog dataset, in one jurisdiction, for a
 * purpose, until a date. Checked here for form; {@link SubscriptionService} checks it against the dataset.
 *
 * @param department the requesting department's code, also its Trino user name ({@code civil-affairs})
 * @param dataset qualified name of the catalog dataset ({@code gold.person})
 * @param purpose what the data is for, in the requester's words
 * @param legalPurpose the law or duty the personal columns are needed for; null when none is asked for
 * @param columns the columns asked for, at least one
 * @param scope district (6 digits), street (9) or community (12) code prefix of the rows; null for a
 *     dataset without a jurisdiction column
 * @param until end of the period: access ends at this instant
 * @param requestedBy the person who asked, for the audit
 */
public record SubscriptionRequest(String department, String dataset, String purpose, String legalPurpose,
    List<String> columns, String scope, Instant until, String requestedBy) {
  /** A department code: what a Trino user name and an audit client id can both be. */
  public static final Pattern DEPARTMENT = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  /** A jurisdiction code prefix: district, street or community. */
  public static final Pattern SCOPE = Pattern.compile("[0-9]{6}|[0-9]{9}|[0-9]{12}");
  static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}][^\\p{Cntrl}]{0,127}");
  static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,127}");

  public SubscriptionRequest {
    requireNonNull(columns, "columns is null");
    columns = List.copyOf(new LinkedHashSet<>(columns));
    check(department, department != null && DEPARTMENT.matcher(department).matches(), "department", "format",
        "must be a department code: lower-case letters, digits and dashes, 2-64, starting with a letter", department);
    check(department, dataset != null && !dataset.isBlank(), "dataset", "required", "must name a catalog dataset", dataset);
    check(department, purpose != null && !purpose.isBlank() && purpose.length() <= 512, "purpose", "required",
        "must state what the data is for (at most 512 characters)", purpose);
    check(department, legalPurpose == null || (!legalPurpose.isBlank() && legalPurpose.length() <= 512), "legalPurpose",
        "format", "must be omitted or state the legal purpose (at most 512 characters)", legalPurpose);
    check(department, !columns.isEmpty(), "columns", "required", "must name at least one column", columns);
    for (String column : columns) {
      check(department, column != null && COLUMN.matcher(column).matches(), "columns", "format",
          "a column name is lower snake case", column);
    }
    check(department, scope == null || SCOPE.matcher(scope).matches(), "scope", "format",
        "must be a 6-digit district, 9-digit street or 12-digit community code", scope);
    check(department, until != null, "until", "required", "must give the end of the period", until);
    check(department, requestedBy != null && NAME.matcher(requestedBy).matches(), "requestedBy", "required",
        "must name who asks (at most 128 characters, no control characters)", requestedBy);
  }

  private static void check(String department, boolean ok, String field, String rule, String message, Object value) {
    if (!ok) {
      throw new SubscriptionException(SubscriptionException.Kind.INVALID, field, rule,
          "Invalid subscription request of department " + department + ", field " + field + ": " + message
              + ", was " + value);
    }
  }
}
