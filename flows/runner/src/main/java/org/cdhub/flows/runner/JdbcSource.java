package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedExternalFlow;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;

/**
 * The database table a flow pulls incrementally with QueryDatabaseTableRecord, as the flow
 * definition and the run's parameter values configure it: enough for the runner to look at the
 * source itself (see {@link WatermarkGuard}).
 *
 * @param url JDBC URL
 * @param driverClass JDBC driver class
 * @param driverJars jars holding the driver
 * @param user database user, may be null
 * @param password database password, may be null; never logged
 * @param table table pulled
 * @param watermark the (first) maximum-value column
 */
record JdbcSource(String url, String driverClass, List<Path> driverJars, String user, String password,
    String table, String watermark) {
  private static final Pattern PARAMETER = Pattern.compile("#\\{([^}]+)}");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final List<String> PULL_TYPES = List.of(
      "org.apache.nifi.processors.standard.QueryDatabaseTableRecord", "org.apache.nifi.processors.standard.QueryDatabaseTable");

  JdbcSource {
    requireNonNull(url, "url is null");
    requireNonNull(driverClass, "driverClass is null");
    driverJars = List.copyOf(driverJars);
    requireNonNull(table, "table is null");
    requireNonNull(watermark, "watermark is null");
  }

  /** The key QueryDatabaseTableRecord stores this table's watermark under: {@code table@!@column}, lower case. */
  String stateKey() {
    return table.toLowerCase().replaceAll("[\"`\\[\\]]", "") + "@!@" + watermark.toLowerCase().replaceAll("[\"`\\[\\]]", "");
  }

  /**
   * The flow's incremental table pull, if it has exactly one whose table, watermark column and
   * connection are plain values or parameters (no Expression Language); parameters resolve to the
   * run's values, else the flow's defaults.
   */
  static Optional<JdbcSource> of(VersionedExternalFlow flow, Map<String, String> runParameters) {
    VersionedProcessGroup root = flow.getFlowContents();
    List<VersionedProcessor> pulls = root.getProcessors().stream().filter(p -> PULL_TYPES.contains(p.getType())).toList();
    if (pulls.size() != 1) {
      return Optional.empty();
    }
    VersionedProcessor pull = pulls.get(0);
    Map<String, String> defaults = new java.util.HashMap<>();
    VersionedParameterContext context = flow.getParameterContexts() == null ? null
        : flow.getParameterContexts().get(root.getParameterContextName());
    if (context != null) {
      for (VersionedParameter p : context.getParameters()) {
        if (p.getValue() != null) {
          defaults.put(p.getName(), p.getValue());
        }
      }
    }
    defaults.putAll(runParameters);
    Map<String, String> pullProps = pull.getProperties();
    String poolId = pullProps.get("Database Connection Pooling Service");
    Optional<VersionedControllerService> pool = root.getControllerServices().stream()
        .filter(s -> s.getIdentifier().equals(poolId)).findFirst();
    if (pool.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> poolProps = pool.get().getProperties();
    String table = resolve(pullProps.get("Table Name"), defaults);
    String columns = resolve(pullProps.get("Maximum-value Columns"), defaults);
    String url = resolve(poolProps.get("Database Connection URL"), defaults);
    String driver = resolve(poolProps.get("Database Driver Class Name"), defaults);
    if (table == null || columns == null || url == null || driver == null) {
      return Optional.empty();
    }
    String watermark = columns.split("\\s*,\\s*")[0].strip();
    if (!PLAIN_NAME.matcher(table).matches() || !PLAIN_NAME.matcher(watermark).matches()) {
      return Optional.empty(); // only names the guard can put into SQL safely
    }
    List<Path> jars = new ArrayList<>();
    String locations = resolve(poolProps.get("database-driver-locations"), defaults);
    if (locations != null) {
      Arrays.stream(locations.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).forEach(jars::add);
    }
    return Optional.of(new JdbcSource(url, driver, jars,
        resolve(poolProps.get("Database User"), defaults), resolve(poolProps.get("Password"), defaults), table, watermark));
  }

  /** A property value with its {@code #{parameter}} references replaced; null if one has no value or EL is used. */
  private static String resolve(String value, Map<String, String> parameters) {
    if (value == null || value.contains("${")) {
      return null;
    }
    Matcher m = PARAMETER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = parameters.get(m.group(1));
      if (v == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.isEmpty() ? null : out.toString();
  }

  @Override
  public String toString() { // never the password
    return "JdbcSource[" + url + " table " + table + " watermark " + watermark + "]";
  }
}
