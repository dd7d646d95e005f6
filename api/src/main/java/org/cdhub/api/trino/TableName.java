package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * A lakehouse table as Trino names it inside the hub's catalog: schema (the Iceberg namespace)
 * and table, both lower-case identifiers, so a name can never carry SQL.
 *
 * @param schema Iceberg namespace, e.g. {@code gold}
 * @param table table name, e.g. {@code person}
 */
public record TableName(String schema, String table) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  public TableName {
    requireNonNull(schema, "schema is null");
    requireNonNull(table, "table is null");
    if (!isIdentifier(schema) || !isIdentifier(table)) {
      throw new InvalidQueryException("dataset", "invalid-identifier",
          "Cannot query dataset: schema and table must be lower-case identifiers, was '" + echo(schema + "." + table) + "'");
    }
  }

  /** A table the hub's pipeline writes. */
  public static TableName of(LakehouseTable table) {
    requireNonNull(table, "table is null");
    return new TableName(table.identifier().namespace().level(0), table.identifier().name());
  }

  /**
   * {@code schema.table}, or {@code table} in {@code defaultSchema}.
   *
   * @throws InvalidQueryException (field {@code dataset}) for anything else
   */
  public static TableName parse(String qualifiedName, String defaultSchema) {
    requireNonNull(qualifiedName, "qualifiedName is null");
    requireNonNull(defaultSchema, "defaultSchema is null");
    int dot = qualifiedName.indexOf('.');
    return dot < 0 ? new TableName(defaultSchema, qualifiedName)
        : new TableName(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
  }

  /** Whether {@code name} is a lower-case SQL identifier that needs no escaping inside double quotes. */
  public static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /** The identifier in double quotes, checked first: quoting is the second line of defence, not the first. */
  static String quote(String identifier) {
    if (!isIdentifier(identifier)) {
      throw new IllegalArgumentException("Cannot quote identifier: not a lower-case identifier: '" + echo(identifier) + "'");
    }
    return "\"" + identifier + "\"";
  }

  /** Fully qualified and quoted in {@code catalog}, optionally a metadata table such as {@code $refs}. */
  String sql(String catalog, String metadataSuffix) {
    return quote(catalog) + "." + quote(schema) + ".\"" + table + (metadataSuffix == null ? "" : metadataSuffix) + "\"";
  }

  @Override
  public String toString() {
    return schema + "." + table;
  }

  /** Rejected text as echoed in a message: at most 40 characters. */
  static String echo(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
