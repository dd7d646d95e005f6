package org.cdhub.api.subscription;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.cdhub.kernel.Masking;

/**
 * Masks the personal columns of rows read under a grant as the rest of the API masks them: ID
 * numbers, names, phones and addresses with the kernel's {@link Masking}, a date as its year, any
 * other personal text with the numbers in it masked. The dataset's catalog entry says which
 * columns are personal.
 */
final class GrantedRowMasking {
  private GrantedRowMasking() {}

  static Map<String, Object> mask(Dataset dataset, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((column, value) -> {
      boolean personal = dataset.field(column).map(DatasetField::sensitivity).map(s -> s.isPersonal()).orElse(true);
      out.put(column, personal ? mask(column, value) : value);
    });
    return out;
  }

  private static Object mask(String column, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date.getYear();
    }
    String text = value.toString();
    if (column.endsWith("id_number")) {
      return Masking.idNumber(text);
    }
    if (column.endsWith("phone") || column.endsWith("mobile")) {
      return Masking.phone(text);
    }
    if (column.endsWith("name")) {
      return Masking.name(text);
    }
    if (column.endsWith("address")) {
      return Masking.address(text);
    }
    return Masking.numbersInText(text);
  }
}
