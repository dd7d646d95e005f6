package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The report templates of {@code schemas/reports.yaml} (packaged with the model as
 * {@value #RESOURCE}). A template that names an unknown field, repeats a column or lacks a tag
 * stops startup with the file, report and key named.
 */
public final class ReportTemplates {
  public static final String RESOURCE = "reports.yaml";
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,40}");
  static final Pattern TAG = Pattern.compile("[A-Z][A-Z0-9_]{0,40}");

  private final Map<String, ReportTemplate> byCode;

  private ReportTemplates(Map<String, ReportTemplate> byCode) {
    this.byCode = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
  }

  /** The templates bundled with the hub. */
  public static ReportTemplates bundled() {
    try (InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load report templates: " + RESOURCE + " is not on the classpath (hub-model)");
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** @param source the file's name, for error messages */
  public static ReportTemplates parse(InputStream yaml, String source) {
    requireNonNull(yaml, "yaml is null");
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> top) || !(top.get("reports") instanceof Map<?, ?> reports) || reports.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + source + ": expected a non-empty map under 'reports'");
    }
    Map<String, ReportTemplate> byCode = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : reports.entrySet()) {
      String code = String.valueOf(e.getKey());
      String where = "Invalid " + source + ", report " + code + ": ";
      if (!CODE.matcher(code).matches()) {
        throw new IllegalArgumentException(where + "the code must match " + CODE.pattern());
      }
      if (!(e.getValue() instanceof Map<?, ?> body)) {
        throw new IllegalArgumentException(where + "expected a map with title, department, tag and columns");
      }
      String tag = text(body, "tag", where);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException(where + "tag " + tag + " must match " + TAG.pattern());
      }
      if (!(body.get("columns") instanceof List<?> columns) || columns.isEmpty()) {
        throw new IllegalArgumentException(where + "expected a non-empty list under 'columns'");
      }
      List<ReportTemplate.Column> parsed = new ArrayList<>();
      Set<ReportField> seen = new HashSet<>();
      for (Object c : columns) {
        if (!(c instanceof Map<?, ?> column)) {
          throw new IllegalArgumentException(where + "each column needs field and header, got " + c);
        }
        String fieldKey = text(column, "field", where);
        ReportField field;
        try {
          field = ReportField.ofKey(fieldKey);
        } catch (IllegalArgumentException unknown) {
          throw new IllegalArgumentException(where + unknown.getMessage(), unknown);
        }
        if (!seen.add(field)) {
          throw new IllegalArgumentException(where + "field " + fieldKey + " appears twice");
        }
        parsed.add(new ReportTemplate.Column(field, text(column, "header", where + "column " + fieldKey + ": ")));
      }
      byCode.put(code, new ReportTemplate(code, text(body, "title", where), text(body, "department", where), tag, parsed));
    }
    return new ReportTemplates(byCode);
  }

  private static String text(Map<?, ?> map, String key, String where) {
    Object v = map.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException(where + "'" + key + "' is missing");
    }
    return v.toString().strip();
  }

  public Optional<ReportTemplate> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public List<ReportTemplate> all() {
    return List.copyOf(byCode.values());
  }
}
