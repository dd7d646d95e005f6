package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionService;

/**
 * Subscriptions as Trino's file-based access control rules: each department is a Trino user that
 * may SELECT exactly the tables it holds a grant for, is denied every other column of them, and
 * sees only the rows of its granted jurisdiction (a row filter on {@code community_code}). The
 * hub's own service user keeps full access; nobody else gets any, the {@code system} tables
 * included: {@code system.runtime.queries} would show every department the SQL of the others, ID
 * numbers in their WHERE clauses. Query rules say the same again, should a later table rule open
 * the system tables: only the service user may view or kill another user's query. Trino reads the file again every
 * {@code security.refresh-period}, so a revoked or expired grant stops working without a restart.
 *
 * <p>Rules are per user and table and the first match wins: two grants of one department on one
 * table are merged (columns and scopes united).
 *
 * @param catalog the Trino catalog that mounts the lakehouse
 * @param serviceUser the hub's own Trino user (the API's {@code hub.trino.user})
 * @param tables one entry per department and table
 */
public record TrinoAccessRules(String catalog, String serviceUser, List<TableAccess> tables) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> ALL_PRIVILEGES =
      List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT");
  private static final Pattern SCOPE = SubscriptionRequest.SCOPE;

  /**
   * What one department may read of one table.
   *
   * @param user the department's Trino user
   * @param table the table
   * @param deniedColumns the table's columns it may not read
   * @param scopes code prefixes of the rows it may read; empty for every row
   */
  public record TableAccess(String user, TableName table, Set<String> deniedColumns, Set<String> scopes) {
    public TableAccess {
      requireNonNull(user, "user is null");
      requireNonNull(table, "table is null");
      deniedColumns = Set.copyOf(deniedColumns);
      scopes = Set.copyOf(scopes);
      for (String scope : scopes) {
        // inlined into the filter: digits only, checked again here
        if (!SCOPE.matcher(scope).matches()) {
          throw new IllegalArgumentException("Invalid scope of " + user + " on " + table + ": " + scope);
        }
      }
    }

    /** The row filter, or null for every row. */
    public String filter() {
      if (scopes.isEmpty()) {
        return null;
      }
      return String.join(" OR ", new TreeSet<>(scopes).stream()
          .map(s -> "starts_with(" + TableName.quote(SubscriptionService.JURISDICTION_COLUMN) + ", '" + s + "')").toList());
    }
  }

  public TrinoAccessRules {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(serviceUser, "serviceUser is null");
    tables = List.copyOf(tables);
  }

  /** The rules for the grants active now ({@link SubscriptionService#activeGrants()}). */
  public static TrinoAccessRules of(String catalog, String serviceUser, List<Subscription> activeGrants,
      Function<Subscription, Dataset> datasetOf) {
    Map<List<String>, Set<String>> columns = new LinkedHashMap<>();
    Map<List<String>, Set<String>> scopes = new LinkedHashMap<>();
    Map<List<String>, Dataset> datasets = new LinkedHashMap<>();
    Set<List<String>> unscoped = new LinkedHashSet<>();
    for (Subscription grant : activeGrants) {
      SubscriptionRequest r = grant.request();
      List<String> key = List.of(r.department(), r.dataset());
      datasets.putIfAbsent(key, datasetOf.apply(grant));
      columns.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(r.columns());
      if (r.scope() == null) {
        unscoped.add(key);
      } else {
        scopes.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r.scope());
      }
    }
    List<TableAccess> tables = new ArrayList<>();
    datasets.forEach((key, dataset) -> {
      Set<String> denied = new LinkedHashSet<>();
      for (DatasetField field : dataset.fields()) {
        if (!columns.get(key).contains(field.name())) {
          denied.add(field.name());
        }
      }
      tables.add(new TableAccess(key.get(0), TableName.parse(key.get(1), "gold"), denied,
          unscoped.contains(key) ? Set.of() : scopes.getOrDefault(key, Set.of())));
    });
    return new TrinoAccessRules(catalog, serviceUser, tables);
  }

  /** The rules file's content (Trino's system-level file-based access control format). */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode catalogs = root.putArray("catalogs");
    catalogs.addObject().put("user", exactly(serviceUser)).put("allow", "all");
    catalogs.addObject().put("catalog", exactly(catalog)).put("allow", "read-only");
    catalogs.addObject().put("catalog", "system").put("allow", "read-only");
    ArrayNode queries = root.putArray("queries");
    queries.addObject().put("user", exactly(serviceUser)).putArray("allow").add("execute").add("kill").add("view");
    // a user always sees and may kill its own queries; nobody else's
    queries.addObject().putArray("allow").add("execute");
    ArrayNode schemas = root.putArray("schemas");
    schemas.addObject().put("user", exactly(serviceUser)).put("owner", true);
    schemas.addObject().put("owner", false);
    ArrayNode rules = root.putArray("tables");
    ObjectNode service = rules.addObject().put("user", exactly(serviceUser));
    ALL_PRIVILEGES.forEach(service.putArray("privileges")::add);
    for (TableAccess access : tables) {
      ObjectNode rule = rules.addObject()
          .put("user", exactly(access.user()))
          .put("catalog", exactly(catalog))
          .put("schema", exactly(access.table().schema()))
          .put("table", exactly(access.table().table()));
      rule.putArray("privileges").add("SELECT");
      ArrayNode denied = rule.putArray("columns");
      new TreeSet<>(access.deniedColumns()).forEach(c -> denied.addObject().put("name", c).put("allow", false));
      String filter = access.filter();
      if (filter != null) {
        rule.put("filter", filter);
        // the filter reads community_code, which the department may not be granted itself
        rule.putObject("filter_environment").put("user", serviceUser);
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces {@code file} with these rules in one rename, so Trino never reads half a file.
   */
  public void writeTo(Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".trino-rules", ".json");
      Files.writeString(temp, json(), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Trino access rules to " + target + ": " + e.getMessage(), e);
    }
  }

  /** A regular expression matching exactly this name (Trino's rules match users and tables by regex). */
  private static String exactly(String name) {
    return Pattern.quote(name);
  }
}
