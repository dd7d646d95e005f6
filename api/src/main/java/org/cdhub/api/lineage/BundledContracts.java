package org.cdhub.api.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The source contracts shipped on the classpath (hub-model's {@code contracts/}), the lineage graph's feeds. */
public final class BundledContracts {
  private BundledContracts() {}

  /** Every bundled contract by feed id; two with one feed id are an error, as in a contracts directory. */
  public static Map<String, SourceContract> load() {
    Map<String, SourceContract> out = new TreeMap<>();
    try {
      // Spring's resolver lists a classpath folder inside a jar too
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:contracts/*.yaml")) {
        try (InputStream in = r.getInputStream()) {
          SourceContract c = SourceContracts.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "contracts/" + r.getFilename());
          if (out.put(c.feed(), c) != null) {
            throw new IllegalArgumentException("Invalid bundled source contracts: feed declared twice: " + c.feed());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled source contracts", e);
    }
    return out;
  }
}
