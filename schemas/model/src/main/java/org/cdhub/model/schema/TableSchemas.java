package org.cdhub.model.schema;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Derives Iceberg table schemas from the hub's record types, so each entity is defined once
 * (as a Java record) and every engine sees the same columns. Column names are the record
 * components in lower snake case; field ids follow component order.
 */
public final class TableSchemas {
  private TableSchemas() {}

  /** The Iceberg schema of a record type. */
  public static Schema of(Class<? extends Record> type) {
    requireNonNull(type, "type is null");
    AtomicInteger ids = new AtomicInteger(0);
    RecordComponent[] components = type.getRecordComponents();
    // reserve top-level ids first so they are 1..n whatever nested types follow
    ids.set(components.length);
    List<Types.NestedField> fields = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String doc = c.isAnnotationPresent(Doc.class) ? c.getAnnotation(Doc.class).value() : null;
      org.apache.iceberg.types.Type icebergType = icebergType(type, c.getName(), c.getGenericType(), ids);
      fields.add(c.isAnnotationPresent(Required.class)
          ? Types.NestedField.required(i + 1, columnName(c.getName()), icebergType, doc)
          : Types.NestedField.optional(i + 1, columnName(c.getName()), icebergType, doc));
    }
    return new Schema(fields);
  }

  /** Column sensitivity per column name; columns without {@link Sensitive} are absent. */
  public static Map<String, Sensitivity> sensitivity(Class<? extends Record> type) {
    Map<String, Sensitivity> out = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.isAnnotationPresent(Sensitive.class)) {
        out.put(columnName(c.getName()), c.getAnnotation(Sensitive.class).value());
      }
    }
    return out;
  }

  /** Columns marked {@link NearlyUnique}. */
  public static java.util.Set<String> nearlyUnique(Class<? extends Record> rowType) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (RecordComponent c : rowType.getRecordComponents()) {
      if (c.isAnnotationPresent(NearlyUnique.class)) {
        out.add(columnName(c.getName()));
      }
    }
    return out;
  }

  /** camelCase to snake_case: {@code birthDate} becomes {@code birth_date}. */
  public static String columnName(String componentName) {
    StringBuilder sb = new StringBuilder(componentName.length() + 4);
    for (char ch : componentName.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static org.apache.iceberg.types.Type icebergType(
      Class<?> owner, String name, Type javaType, AtomicInteger ids) {
    if (javaType instanceof Class<?> cls) {
      if (cls == String.class || cls.isEnum()) {
        return Types.StringType.get();
      }
      if (cls == Integer.class || cls == int.class) {
        return Types.IntegerType.get();
      }
      if (cls == Long.class || cls == long.class) {
        return Types.LongType.get();
      }
      if (cls == Double.class || cls == double.class) {
        return Types.DoubleType.get();
      }
      if (cls == Boolean.class || cls == boolean.class) {
        return Types.BooleanType.get();
      }
      if (cls == LocalDate.class) {
        return Types.DateType.get();
      }
      if (cls == Instant.class) {
        return Types.TimestampType.withZone();
      }
    }
    if (javaType instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        int elementId = ids.incrementAndGet();
        return Types.ListType.ofOptional(elementId, icebergType(owner, name, args[0], ids));
      }
      if (Map.class.isAssignableFrom(raw)) {
        int keyId = ids.incrementAndGet();
        int valueId = ids.incrementAndGet();
        return Types.MapType.ofOptional(
            keyId, valueId, icebergType(owner, name, args[0], ids), icebergType(owner, name, args[1], ids));
      }
    }
    throw new IllegalArgumentException(
        "Cannot derive table schema for " + owner.getSimpleName() + "." + name
            + ": unsupported Java type " + javaType.getTypeName());
  }
}
