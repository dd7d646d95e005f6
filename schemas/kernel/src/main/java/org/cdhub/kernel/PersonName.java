package org.cdhub.kernel;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's name, standardized: Han names in simplified characters without spaces (a middle
 * dot '·' kept between the parts of transliterated minority names such as 阿卜杜·热合曼);
 * pinyin names (vendor systems) kept as pinyin, title-cased words separated by one space
 * ("Zhang San"). {@link #pinyinKey()} is the same for 张三, 張三, "ZHANG SAN" and "zhang_san".
 * {@link #toString()} is masked.
 */
public final class PersonName {

  public static final String RULE_EMPTY = "NAME-EMPTY";
  public static final String RULE_DIGIT = "NAME-DIGIT";
  public static final String RULE_CHARSET = "NAME-CHARSET";
  public static final String RULE_LENGTH = "NAME-LENGTH";
  public static final String RULE_PLACEHOLDER = "NAME-PLACEHOLDER";

  /** Note: traditional characters were converted to simplified. */
  public static final String NOTE_TO_SIMPLIFIED = "NAME_TO_SIMPLIFIED";
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  static final int MAX_LENGTH = 30;

  private static final String DOT = "·";
  /** Characters written for the middle dot of transliterated names. */
  private static final Pattern DOT_VARIANTS = Pattern.compile("[·•‧∙⋅・･.．。]");
  private static final Pattern PINYIN_SEPARATORS = Pattern.compile("[\\s_\\-.·•]+");
  private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])");

  /** Values exports write when the name is unknown. */
  private static final Set<String> PLACEHOLDERS = Set.of(
      "无", "不详", "未知", "暂无", "空", "匿名", "测试", "null", "none", "nil", "na", "unknown", "test");

  /** Two-character surnames (复姓); a name of 3+ characters starting with one has it as surname. */
  private static final Set<String> COMPOUND_SURNAMES = Set.of(
      "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
      "夏侯", "轩辕", "令狐", "钟离", "闾丘", "端木", "南宫", "西门", "独孤", "百里", "呼延", "东郭",
      "澹台", "公冶", "太史", "申屠", "万俟", "司空", "拓跋", "完颜", "左丘", "赫连", "第五", "单于",
      "亓官", "鲜于", "濮阳", "淳于", "仲孙", "公羊", "谷梁", "漆雕", "乐正", "宰父", "夹谷", "巫马",
      "公西", "梁丘", "公良", "羊舌", "微生", "段干", "东门", "南门", "子车", "颛孙", "壤驷", "司寇");

  /** Surname readings that differ from the character's most common reading. */
  private static final Map<String, String> SURNAME_READINGS = Map.ofEntries(
      Map.entry("单", "shan"), Map.entry("曾", "zeng"), Map.entry("解", "xie"), Map.entry("区", "ou"),
      Map.entry("仇", "qiu"), Map.entry("朴", "piao"), Map.entry("查", "zha"), Map.entry("盖", "ge"),
      Map.entry("乐", "yue"), Map.entry("缪", "miao"), Map.entry("覃", "qin"), Map.entry("翟", "zhai"),
      Map.entry("秘", "bi"), Map.entry("召", "shao"), Map.entry("种", "chong"), Map.entry("员", "yun"),
      Map.entry("宓", "fu"), Map.entry("句", "gou"), Map.entry("柏", "bai"), Map.entry("车", "che"),
      Map.entry("沈", "shen"), Map.entry("重", "chong"), Map.entry("长", "chang"), Map.entry("任", "ren"),
      Map.entry("华", "hua"), Map.entry("纪", "ji"), Map.entry("尉迟", "yuchi"), Map.entry("长孙", "zhangsun"),
      Map.entry("万俟", "moqi"), Map.entry("单于", "chanyu"), Map.entry("澹台", "tantai"), Map.entry("乐正", "yuezheng"));

  private final String value;
  private final boolean pinyin;

  private PersonName(String value, boolean pinyin) {
    this.value = value;
    this.pinyin = pinyin;
  }

  /**
   * Rules: NAME-EMPTY, NAME-PLACEHOLDER (无, 不详, null, ...), NAME-DIGIT, NAME-CHARSET
   * (symbols, or Han mixed with Latin letters), NAME-LENGTH (a single Han character, or over
   * 30 characters). Notes: {@value #NOTE_TO_SIMPLIFIED}.
   */
  public static Checked<PersonName> check(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "name is empty");
    }
    String text = Normalizer.normalize(HalfWidth.of(raw), Normalizer.Form.NFKC).strip();
    text = WHITESPACE.matcher(text).replaceAll(" ");
    if (text.isEmpty()) {
      return Checked.rejected(RULE_EMPTY, "name is empty");
    }
    String shown = Masking.name(text);
    if (PLACEHOLDERS.contains(text.toLowerCase(Locale.ROOT))) {
      return Checked.rejected(RULE_PLACEHOLDER, "name is a placeholder for an unknown name (value " + shown + ")");
    }
    boolean han = false;
    boolean latin = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isDigit(cp) || isHanNumeralDigit(cp)) {
        return Checked.rejected(RULE_DIGIT, "name contains a digit (value " + shown + ")");
      }
      han |= isHan(cp);
      latin |= Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }
    if (han && latin) {
      return Checked.rejected(RULE_CHARSET, "name mixes Han characters and Latin letters (value " + shown + ")");
    }
    if (han) {
      return checkHan(text, shown);
    }
    if (latin) {
      return checkPinyin(text, shown);
    }
    return Checked.rejected(RULE_CHARSET, "name has no Han characters or letters (value " + shown + ")");
  }

  /**
   * One name from a source that keeps the surname and the given name in two fields, for
   * {@link #check}: Han parts in Chinese order without a space (张 + 三 = 张三), any other
   * script in the Latin order "given surname" (Berry + Lachlan = "lachlan berry"), since that is
   * how such names are written and how their pinyin key reads. Parts are stripped; a blank part
   * leaves the other alone; null when both are blank.
   */
  public static String composed(String surname, String givenName) {
    String family = surname == null ? "" : surname.strip();
    String given = givenName == null ? "" : givenName.strip();
    if (family.isEmpty() || given.isEmpty()) {
      String only = family.isEmpty() ? given : family;
      return only.isEmpty() ? null : only;
    }
    return allHan(family) && allHan(given) ? family + given : given + " " + family;
  }

  private static boolean allHan(String text) {
    return text.codePoints().allMatch(cp -> isHan(cp) || DOT_VARIANTS.matcher(new String(Character.toChars(cp))).matches());
  }

  private static Checked<PersonName> checkHan(String text, String shown) {
    String name = DOT_VARIANTS.matcher(text.replace(" ", "")).replaceAll(DOT);
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (!isHan(cp) && cp != '·') {
        return Checked.rejected(
            RULE_CHARSET, "name contains '" + new String(Character.toChars(cp)) + "' (value " + shown + ")");
      }
    }
    if (name.startsWith(DOT) || name.endsWith(DOT) || name.contains(DOT + DOT)) {
      return Checked.rejected(RULE_CHARSET, "middle dot must separate two name parts (value " + shown + ")");
    }
    int length = name.codePointCount(0, name.length());
    if (length < 2) {
      return Checked.rejected(RULE_LENGTH, "a Chinese name has at least 2 characters (value " + shown + ")");
    }
    if (length > MAX_LENGTH) {
      return Checked.rejected(
          RULE_LENGTH, "name has " + length + " characters, at most " + MAX_LENGTH + " allowed (value " + shown + ")");
    }
    String simplified = ChineseScript.toSimplified(name);
    if (!simplified.equals(name)) {
      return Checked.ok(new PersonName(simplified, false), NOTE_TO_SIMPLIFIED);
    }
    return Checked.ok(new PersonName(name, false));
  }

  private static Checked<PersonName> checkPinyin(String text, String shown) {
    // Tone marks go; ü (and the u: spelling) becomes v as in the pinyin key.
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
        .replace("u\u0308", "v").replace("U\u0308", "V").replace("u:", "v").replace("U:", "V")
        .replaceAll("\\p{M}", "");
    List<String> words = new ArrayList<>();
    for (String part : PINYIN_SEPARATORS.split(plain)) {
      for (String word : CAMEL_BOUNDARY.split(part)) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    if (words.isEmpty()) {
      return Checked.rejected(RULE_CHARSET, "name has no letters (value " + shown + ")");
    }
    StringBuilder value = new StringBuilder();
    for (String word : words) {
      if (!word.matches("[A-Za-z]+(?:'[A-Za-z]+)*")) {
        return Checked.rejected(RULE_CHARSET, "pinyin name may contain only letters (value " + shown + ")");
      }
      if (value.length() > 0) {
        value.append(' ');
      }
      value.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    if (value.length() > MAX_LENGTH) {
      return Checked.rejected(
          RULE_LENGTH,
          "name has " + value.length() + " characters, at most " + MAX_LENGTH + " allowed (value " + shown + ")");
    }
    return Checked.ok(new PersonName(value.toString(), true));
  }

  /** The standardized name: simplified Han ("张三", "阿卜杜·热合曼") or pinyin ("Zhang San"). */
  public String value() {
    return value;
  }

  /** True when the name is written in pinyin (Latin letters) rather than Han characters. */
  public boolean isPinyin() {
    return pinyin;
  }

  /**
   * Lower-case tone-less syllables joined without spaces ("zhangsan"), ü as v; the same for
   * Han and pinyin input. Han surnames use their surname reading (单 shan, 曾 zeng, ...).
   */
  public String pinyinKey() {
    if (pinyin) {
      return value.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
    StringBuilder key = new StringBuilder();
    String rest = value;
    if (!value.contains(DOT)) {
      String surname = surname();
      String reading = SURNAME_READINGS.get(surname);
      if (reading != null) {
        key.append(reading);
        rest = value.substring(surname.length());
      }
    }
    for (String syllable : Pinyin.syllables(rest)) {
      key.append(syllable);
    }
    return key.toString();
  }

  /**
   * The surname: a compound surname (欧阳, 司马, 诸葛, 上官, ...) when the name has 3 or more
   * characters and starts with one, else the first character. For dotted names the last part
   * (the family or father's name of a transliterated name); for pinyin the first word.
   */
  public String surname() {
    if (pinyin) {
      int space = value.indexOf(' ');
      return space < 0 ? value : value.substring(0, space);
    }
    if (value.contains(DOT)) {
      return value.substring(value.lastIndexOf(DOT) + 1);
    }
    if (value.codePointCount(0, value.length()) >= 3) {
      int end = value.offsetByCodePoints(0, 2);
      if (COMPOUND_SURNAMES.contains(value.substring(0, end))) {
        return value.substring(0, end);
      }
    }
    return value.substring(0, value.offsetByCodePoints(0, 1));
  }

  /** {@link Masking#name(String)} of the value: 张*, 张*丰. */
  public String masked() {
    return Masking.name(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonName other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Masked, so that logging a name never reveals it. */
  @Override
  public String toString() {
    return masked();
  }

  static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN && cp != '〇';
  }

  /** 〇 is a numeral, never part of a name. */
  private static boolean isHanNumeralDigit(int cp) {
    return cp == '〇';
  }
}
