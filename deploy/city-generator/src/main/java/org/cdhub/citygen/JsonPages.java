package org.cdhub.citygen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paged JSON API as files: {@code page-0001.json}, {@code page-0002.json}, ... each
 * {@code {"page":n,"next":"page-000m.json"|null,"items":[...]}}. A client follows {@code next}.
 */
final class JsonPages implements AutoCloseable {
  static final String FIRST_PAGE = "page-0001.json";

  private final Path dir;
  private final int pageSize;
  private final List<Map<String, ?>> buffer = new ArrayList<>();
  private int pages;
  private long items;

  JsonPages(Path dir, int pageSize) {
    this.dir = dir;
    this.pageSize = pageSize;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  static String pageName(int page) {
    return "page-" + Digits.pad(page, 4) + ".json";
  }

  void add(Map<String, ?> item) {
    if (buffer.size() == pageSize) {
      flush(true);
    }
    buffer.add(item);
    items++;
  }

  long items() {
    return items;
  }

  int pages() {
    return pages;
  }

  private void flush(boolean more) {
    int page = ++pages;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("page", page);
    doc.put("next", more ? pageName(page + 1) : null);
    doc.put("items", buffer);
    Path file = dir.resolve(pageName(page));
    try {
      Files.write(file, Json.MAPPER.writeValueAsBytes(doc));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    buffer.clear();
  }

  @Override
  public void close() {
    flush(false);
  }
}
