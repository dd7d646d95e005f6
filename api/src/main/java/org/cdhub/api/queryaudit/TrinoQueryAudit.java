package org.cdhub.api.queryaudit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cdhub.api.generated.model.TrinoQueryColumn;
import org.cdhub.api.generated.model.TrinoQueryCompletedEvent;
import org.cdhub.api.generated.model.TrinoQueryFailure;
import org.cdhub.api.generated.model.TrinoQueryInput;
import org.cdhub.api.generated.model.TrinoTableInfo;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionAction;
import org.cdhub.kernel.Masking;

/**
 * A query Trino ran, as its HTTP event listener reports it ({@code QueryCompletedEvent}), turned
 * into access-audit events: one per table the query read, as the hub names datasets
 * ({@code gold.person}), with the Trino user as client, the columns read (Trino's inputs and the
 * columns the query named, less a column only the grant's row filter read) and the subscription
 * the department read under as scope, that subscription's purpose, and the SQL text with ID and
 * mobile numbers masked. A query refused by Trino's access control read nothing: it is one
 * {@code DENIED} event for the table named in the refusal. Pure: whatever it needs from the
 * catalog database comes through {@link CatalogLookup}.
 *
 * <p>Not audited here: the hub's own Trino user (the API audits what it reads through Trino
 * itself, with the records returned), and queries that read no table and did not fail
 * ({@code SELECT 1}, {@code SHOW}, {@code information_schema} and {@code system} metadata).
 */
public final class TrinoQueryAudit {
  /** The action of every event written from Trino's query events. */
  public static final String ACTION = "TRINO_QUERY";
  /** The dataset of a refused or failed query whose table is not known. */
  public static final String UNKNOWN_DATASET = "trino";
  /** Trino's error name for a query its access control refused. */
  static final String PERMISSION_DENIED = "PERMISSION_DENIED";
  /** Longest SQL text kept; the rest is cut after masking, saying how much was cut. */
  static final int MAX_QUERY_CHARS = 10_000;
  /** The audit log's column widths (client_id, dataset). */
  static final int MAX_CLIENT_ID = 128;
  static final int MAX_DATASET = 255;
  /** Trino 476: "Access Denied: Cannot select from table hub.gold.person"; older ones named the columns. */
  private static final Pattern DENIED_TABLE = Pattern.compile(
      "Cannot select from (?:columns \\[([^\\]]*)] in )?(?:table or view|table|view) ([A-Za-z0-9_$.\"-]+)");
  /** A quoted identifier in a row filter, as the hub's access rules write them: {@code "community_code"}. */
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  /** Why an event was deliberately not audited. */
  public enum Skipped {
    /** The hub's own Trino user: the API audits its reads itself. */
    SERVICE_USER,
    /** The query read no table and did not fail. */
    NO_DATA_READ
  }

  /** What the catalog database knows that the mapping needs. */
  public interface CatalogLookup {
    /** Every subscription of a department (its Trino user), in any state. */
    List<Subscription> subscriptionsOf(String department);

    /** A catalog entry by qualified name, to know which columns are personal. */
    Optional<Dataset> dataset(String qualifiedName);
  }

  /**
   * What one query event comes to.
   *
   * @param queryId Trino's query id
   * @param entries the events to append, in order; empty when skipped
   * @param skipped why nothing is audited; null when something is
   */
  public record Audit(String queryId, List<AccessEvent> entries, Skipped skipped) {
    public Audit {
      requireNonNull(queryId, "queryId is null");
      entries = List.copyOf(entries);
    }
  }

  private final String catalog;
  private final String serviceUser;

  /**
   * @param catalog the Trino catalog that mounts the lakehouse ({@code hub.trino.catalog}): its
   *     tables are named as the hub's catalog names datasets, {@code schema.table}
   * @param serviceUser the API's own Trino user ({@code hub.trino.user})
   */
  public TrinoQueryAudit(String catalog, String serviceUser) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.serviceUser = requireNonNull(serviceUser, "serviceUser is null");
  }

  /**
   * The audit events of one completed query.
   *
   * @param receivedAt when the event arrived: the events' time when Trino sent no end time
   */
  public Audit audit(TrinoQueryCompletedEvent event, CatalogLookup lookup, Instant receivedAt) {
    requireNonNull(event, "event is null");
    requireNonNull(lookup, "lookup is null");
    requireNonNull(receivedAt, "receivedAt is null");
    String queryId = event.getMetadata().getQueryId();
    String user = event.getContext().getUser();
    if (user.equals(serviceUser)) {
      return new Audit(queryId, List.of(), Skipped.SERVICE_USER);
    }
    // table -> columns read; a table read twice (a self join) is one table
    Map<String, Set<String>> read = new LinkedHashMap<>();
    for (TrinoQueryInput input : event.getIoMetadata().getInputs()) {
      if (!isMetadata(input)) {
        Set<String> columns = read.computeIfAbsent(datasetOf(input), k -> new LinkedHashSet<>());
        input.getColumns().stream().map(TrinoQueryColumn::getName).forEach(columns::add);
      }
    }
    // and the columns the query named (a condition on a partition column is answered without reading
    // it), and those the access rules' row filters name
    Map<String, Set<String>> filterColumns = new LinkedHashMap<>();
    for (TrinoTableInfo table : nullToEmpty(event.getMetadata().getTables())) {
      String dataset = datasetOf(table.getCatalog() + "." + table.getSchema() + "." + table.getTable());
      if (read.containsKey(dataset)) {
        nullToEmpty(table.getColumns()).forEach(c -> read.get(dataset).add(c.getColumn()));
        Set<String> inFilters = filterColumns.computeIfAbsent(dataset, k -> new LinkedHashSet<>());
        for (String filter : nullToEmpty(table.getFilters())) {
          Matcher quoted = QUOTED.matcher(filter);
          while (quoted.find()) {
            inFilters.add(quoted.group(1));
          }
        }
      }
    }
    TrinoQueryFailure failure = event.getFailureInfo();
    if (read.isEmpty() && failure == null) {
      return new Audit(queryId, List.of(), Skipped.NO_DATA_READ);
    }

    Instant at = event.getEndTime() == null ? receivedAt : event.getEndTime().toInstant();
    // Trino checked the access rules when the query began: the grant in force then is the one it read under
    Instant began = event.getCreateTime() == null ? at : event.getCreateTime().toInstant();
    List<Subscription> grants = lookup.subscriptionsOf(user).stream().filter(s -> s.gaveAccessAt(began)).toList();
    boolean denied = failure != null && PERMISSION_DENIED.equals(failure.getErrorCode().getName());
    String outcome = failure == null ? "OK" : denied ? "DENIED" : "ERROR";
    String clientId = cut(Masking.numbersInText(user), MAX_CLIENT_ID);
    String query = maskedQuery(event.getMetadata().getQuery());
    long outputRows = event.getStatistics().getOutputRows();

    List<AccessEvent> entries = new ArrayList<>();
    if (read.isEmpty()) {
      // refused or failed before reading anything: once, for the table the refusal names if it names one
      String dataset = UNKNOWN_DATASET;
      List<String> columns = null;
      Matcher m = denied && failure.getFailureMessage() != null ? DENIED_TABLE.matcher(failure.getFailureMessage()) : null;
      if (m != null && m.find()) {
        dataset = datasetOf(m.group(2).replace("\"", ""));
        columns = m.group(1) == null ? null : List.of(m.group(1).replace(" ", "").split(","));
      }
      List<Subscription> under = grantsOn(grants, dataset);
      entries.add(new AccessEvent(at, clientId, purposeOf(under), dataset, ACTION, scope(under, columns), 0, false,
          outcome, query, List.of()));
      return new Audit(queryId, entries, null);
    }
    // Output rows are counted for the query as a whole: with one table they are that table's rows;
    // a join's or union's rows cannot be told apart by table, so each table then counts 0 rather
    // than every table claiming them all.
    int rows = denied || read.size() > 1 ? 0 : (int) Math.min(outputRows, Integer.MAX_VALUE);
    read.forEach((dataset, columns) -> {
      List<Subscription> on = grantsOn(grants, dataset);
      if (!on.isEmpty()) {
        // A row filter is evaluated as the hub's user: the column it reads (community_code) is
        // reported as read even when the department may not read it. A query that named a column
        // its grants deny would have been refused, so such a column was read by the filter alone.
        Set<String> granted = new LinkedHashSet<>();
        on.forEach(g -> granted.addAll(g.request().columns()));
        columns.removeIf(c -> !granted.contains(c) && filterColumns.getOrDefault(dataset, Set.of()).contains(c));
      }
      List<Subscription> under = readUnder(on, columns);
      boolean unmasked = !denied && outputRows > 0 && readsPersonal(lookup.dataset(dataset), columns);
      entries.add(new AccessEvent(at, clientId, purposeOf(under), dataset, ACTION, scope(under, List.copyOf(columns)),
          rows, unmasked, outcome, query, List.of()));
    });
    return new Audit(queryId, entries, null);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** Tables of Trino's own metadata: no dataset's rows are read through them. */
  private static boolean isMetadata(TrinoQueryInput input) {
    return "system".equals(input.getCatalogName()) || "information_schema".equals(input.getSchema());
  }

  private String datasetOf(TrinoQueryInput input) {
    return datasetOf(input.getCatalogName() + "." + input.getSchema() + "." + input.getTable());
  }

  /** {@code hub.gold.person} as the catalog names it, {@code gold.person}; a table of another Trino catalog keeps its catalog. */
  private String datasetOf(String trinoName) {
    String name = trinoName.startsWith(catalog + ".") ? trinoName.substring(catalog.length() + 1) : trinoName;
    return cut(Masking.numbersInText(name), MAX_DATASET);
  }

  /** The grants among {@code grants} that are on {@code dataset}. */
  private static List<Subscription> grantsOn(List<Subscription> grants, String dataset) {
    // a dataset named without a schema is in gold, as the access rules read it
    return grants.stream().filter(s -> {
      String d = s.request().dataset();
      return (d.contains(".") ? d : "gold." + d).equals(dataset);
    }).toList();
  }

  /**
   * The grant a read ran under: the oldest one that grants every column read; when only several
   * together do (Trino's rules merge a department's grants on one table), each that grants one of them.
   */
  private static List<Subscription> readUnder(List<Subscription> grants, Set<String> columns) {
    for (Subscription s : grants) {
      if (s.request().columns().containsAll(columns)) {
        return List.of(s);
      }
    }
    return grants.stream().filter(s -> s.request().columns().stream().anyMatch(columns::contains)).toList();
  }

  private static String purposeOf(List<Subscription> grants) {
    if (grants.isEmpty()) {
      return null;
    }
    return String.join("; ", grants.stream().map(s -> s.request().purpose()).distinct().toList());
  }

  /** {@code subscription:<id>/columns:a,b}: either part left out when unknown. */
  private static String scope(List<Subscription> grants, List<String> columns) {
    List<String> parts = new ArrayList<>();
    if (!grants.isEmpty()) {
      // subscription:7, or subscription:7,9 for a read that only several grants together allow
      parts.add(SubscriptionAction.scope(grants.get(0).id()) + grants.stream().skip(1)
          .map(s -> "," + s.id()).collect(Collectors.joining()));
    }
    if (columns != null) {
      parts.add("columns:" + String.join(",", columns));
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }

  /** Whether a column read holds personal data, as the catalog entry says (Trino returns it as stored). */
  private static boolean readsPersonal(Optional<Dataset> dataset, Set<String> columns) {
    return dataset.map(d -> d.fields().stream()
        .anyMatch(f -> columns.contains(f.name()) && f.sensitivity().isPersonal())).orElse(false);
  }

  /** The SQL text with every run that could be an ID or mobile number masked, then cut to {@link #MAX_QUERY_CHARS}. */
  static String maskedQuery(String sql) {
    String masked = Masking.numbersInText(sql);
    if (masked == null || masked.length() <= MAX_QUERY_CHARS) {
      return masked;
    }
    // masked first: a cut through a number must not leave its first digits unmasked
    return masked.substring(0, MAX_QUERY_CHARS) + "... (" + (masked.length() - MAX_QUERY_CHARS) + " more characters)";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
