package org.cdhub.jobs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cdhub.model.schema.TableSchemas;
import scala.collection.JavaConverters;

/**
 * Turns the model's records (SilverPerson, QuarantinedRecord, ...) into Spark rows in the
 * column order {@code TableSchemas} derives: one component per column, enums as their name,
 * lists and maps as Scala collections (what Spark's row encoder accepts).
 */
public final class RecordRows {
  private RecordRows() {}

  public static Row toRow(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = toSpark(read(record, components[i].getAccessor()));
    }
    return RowFactory.create(values);
  }

  private static Object read(Record record, Method accessor) {
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + record.getClass().getSimpleName() + "." + accessor.getName(), e);
    }
  }

  static Object toSpark(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof List<?> list) {
      return JavaConverters.asScalaBuffer(list.stream().map(RecordRows::toSpark).toList()).toList();
    }
    if (value instanceof Map<?, ?> map) {
      java.util.Map<Object, Object> converted = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> converted.put(toSpark(k), toSpark(v)));
      return JavaConverters.mapAsScalaMap(converted);
    }
    return value;
  }

  /**
   * A row of a table whose schema {@code TableSchemas} derived from {@code type}, back as the
   * record: columns by name, enums from their name, arrays as lists.
   */
  public static <T extends Record> T fromRow(Row row, Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      int index = row.fieldIndex(TableSchemas.columnName(components[i].getName()));
      values[i] = row.isNullAt(index) ? null : fromSpark(row.get(index), types[i]);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build " + type.getSimpleName() + " from row " + row.schema().simpleString(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromSpark(Object value, Class<?> type) {
    if (type.isEnum()) {
      return Enum.valueOf((Class<? extends Enum>) type, value.toString());
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return List.copyOf(JavaConverters.seqAsJavaList(seq));
    }
    return value;
  }

  /** A Spark array column (Scala Seq or Java list) as a Java list of strings; null stays null. */
  public static List<String> stringList(Row row, String column) {
    int i = row.fieldIndex(column);
    if (row.isNullAt(i)) {
      return null;
    }
    return row.<String>getList(i);
  }
}
