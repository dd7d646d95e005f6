package org.cdhub.citygen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.kernel.ChineseScript;
import org.cdhub.kernel.Pinyin;

/**
 * Traditional and pinyin forms of names through the kernel, remembered per name: the city has
 * far fewer distinct names than records, and the converters are the slowest step otherwise.
 * Only looked up, never iterated, so the output does not depend on hash order.
 */
final class NameForms {
  private final Map<String, String> traditional = new HashMap<>();
  private final Map<String, List<String>> syllables = new HashMap<>();

  String traditional(String name) {
    return traditional.computeIfAbsent(name, ChineseScript::toTraditional);
  }

  List<String> syllables(String name) {
    return syllables.computeIfAbsent(name, n -> List.copyOf(Pinyin.syllables(n)));
  }
}
