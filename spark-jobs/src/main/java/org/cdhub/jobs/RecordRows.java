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

  /** Accessors per record class: {@code getRecordComponents()} parses the class file's Record attribute on every call. */
  private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
      }
      return accessors;
    }
  };

  public static Row toRow(Record record) {
    Method[] accessors = ACCESSORS.get(record.getClass());
    Object[] values = new Object[accessors.length];
    for (int i = 0; i < accessors.length; i++) {
      values[i] = toSpark(read(record, accessors[i]));
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
    Method[] accessors = ACCESSORS.get(type);
    Object[] values = new Object[accessors.length];
    for (int i = 0; i < accessors.length; i++) {
      int index = row.fieldIndex(TableSchemas.columnName(accessors[i].getName()));
      values[i] = row.isNullAt(index) ? null : fromSpark(row.get(index), accessors[i].getReturnType());
    }
    try {
      return type.cast(CONSTRUCTORS.get(type).newInstance(values));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot build " + type.getSimpleName() + " from row " + row.schema().simpleString(), e);
    }
  }

  /** Canonical constructors per record class. */
  private static final ClassValue<java.lang.reflect.Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Constructor<?> computeValue(Class<?> type) {
      try {
        return type.getDeclaredConstructor(java.util.Arrays.stream(ACCESSORS.get(type)).map(Method::getReturnType).toArray(Class<?>[]::new));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor", e);
      }
    }
  };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromSpark(Object value, Class<?> type) {
    if (type.isEnum()) {
      return Enum.valueOf((Class<? extends Enum>) type, value.toString());
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return List.copyOf(JavaConverters.seqAsJavaList(seq));
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return Map.copyOf(JavaConverters.mapAsJavaMap(map));
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
