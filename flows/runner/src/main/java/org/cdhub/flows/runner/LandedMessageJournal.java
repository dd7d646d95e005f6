package org.cdhub.flows.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keys of MQTT messages whose batch has landed but whose acknowledgement may not have reached the
 * broker: written before the stand-in acknowledges, emptied after. A run that died in between
 * finds them here, and the broker's redelivery of those messages is acknowledged and dropped
 * instead of landing a second time (in a batch cut differently, the batch id would not catch it).
 */
final class LandedMessageJournal {
  private final Path file;
  private final Set<String> keys = new LinkedHashSet<>();

  private LandedMessageJournal(Path file) {
    this.file = file;
  }

  static LandedMessageJournal open(Path file) throws IOException {
    LandedMessageJournal journal = new LandedMessageJournal(file);
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (!line.isBlank()) {
          journal.keys.add(line.strip());
        }
      }
    }
    return journal;
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  int size() {
    return keys.size();
  }

  void addAll(Collection<String> landed) throws IOException {
    keys.addAll(landed);
    save();
  }

  void removeAll(Collection<String> acknowledged) throws IOException {
    keys.removeAll(acknowledged);
    save();
  }

  /** Written to a temporary file and moved into place: a crash leaves the old journal or the new one. */
  private void save() throws IOException {
    if (keys.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, keys, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
