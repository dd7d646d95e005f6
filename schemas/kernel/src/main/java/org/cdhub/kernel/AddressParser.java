package org.cdhub.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses free-text Chinese addresses into {@link ParsedAddress}. Handles a leading province
 * and city (skipped), district / street / community names by their suffixes, a compound
 * with or without 小区, and building / unit / room written as {@code 3号楼2单元501室},
 * {@code 3栋2单元501}, {@code 3幢}, {@code A座}, {@code 3-2-501}, {@code 三号楼二单元五零一},
 * with full-width digits, traditional characters and stray spaces. Missing levels stay null;
 * text it cannot place goes to {@code unparsed}. Never throws on any text.
 */
public final class AddressParser {

  private static final SuffixedName PROVINCE = new SuffixedName("区县市路街道镇乡村社小", 2, 7, "省", "自治区", "特别行政区");
  private static final SuffixedName CITY = new SuffixedName("区县市路街道镇乡村社小", 2, 7, "市", "自治州", "地区", "盟");
  private static final SuffixedName DISTRICT = new SuffixedName("市路街道镇乡村社小园湾苑", 1, 7, "新区", "区", "县", "旗");
  private static final SuffixedName STREET = new SuffixedName("区县市社小村", 2, 10, "街道办事处", "街道办", "街道", "镇", "乡");
  private static final SuffixedName COMMUNITY =
      new SuffixedName("区县市镇乡小", 1, 10, "社区居民委员会", "社区居委会", "居民委员会", "居委会", "社区");
  /** A village (村) only counts under a town or township: elsewhere 新村 names a compound. */
  private static final SuffixedName VILLAGE = new SuffixedName("区县市镇乡小村", 1, 10, "村民委员会", "村委会", "村");
  private static final Pattern COMPOUND_NAME = Pattern.compile(
      "[\\p{IsHan}A-Za-z·]{1,20}?(?:小区|花园|家园|公寓|新村|苑|园|大厦|广场|城|府|湾|庭|居|里|院|公馆|山庄|雅居|名都|国际)");

  private static final String NUM = "([0-9]+|[零〇一二两三四五六七八九十百千]+)";
  private static final Pattern BUILDING =
      Pattern.compile("第?([0-9]+[A-Za-z]?|[A-Za-z][0-9]*|[零〇一二两三四五六七八九十百千]+)(号楼|栋楼|栋|幢|座|#楼|#|号|楼)");
  private static final Pattern UNIT = Pattern.compile("第?" + NUM + "单元");
  private static final Pattern DASH3 = Pattern.compile(NUM + "-" + NUM + "-" + NUM + "(室|号|户)?");
  private static final Pattern DASH2 = Pattern.compile(NUM + "-" + NUM + "(室|号|户)?");
  private static final Pattern ROOM = Pattern.compile(NUM + "(室|号|户)?");
  /** Removed: what the regex {@code \s} matches, and list punctuation. */
  private static final String SEPARATORS = " \t\n\u000B\f\r,，、;；:：";
  /** Each becomes '-'. */
  private static final String DASHES = "－—–‐―~～_";

  private AddressParser() {}

  /** Parses {@code raw}; null or blank gives {@link ParsedAddress#empty()}. */
  public static ParsedAddress parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return ParsedAddress.empty();
    }
    String s = normalize(raw);
    if (s.isEmpty()) {
      return ParsedAddress.empty();
    }
    int pos = 0;
    SuffixedName.Match province = PROVINCE.at(s, pos);
    if (province != null) {
      pos = province.end();
    }
    List<String> cities = new ArrayList<>();
    for (SuffixedName.Match city; cities.size() < 2 && (city = CITY.at(s, pos)) != null; pos = city.end()) {
      cities.add(city.whole());
    }
    String district = null;
    SuffixedName.Match districtMatch = DISTRICT.at(s, pos);
    if (cities.size() == 2) {
      district = cities.get(1); // 银川市灵武市: a county-level city is a district
    } else if (cities.size() == 1 && districtMatch == null && STREET.at(s, pos) != null) {
      district = cities.get(0); // 灵武市东塔镇: a city directly above a town is county-level
    }
    if (district == null && districtMatch != null) {
      district = districtMatch.whole();
      pos = districtMatch.end();
    }
    String street = null;
    boolean town = false;
    SuffixedName.Match streetMatch = STREET.at(s, pos);
    if (streetMatch != null) {
      town = !streetMatch.suffix().startsWith("街道");
      street = streetMatch.name() + (town ? streetMatch.suffix() : "街道");
      pos = streetMatch.end();
    }
    String community = null;
    SuffixedName.Match communityMatch = COMMUNITY.at(s, pos);
    if (communityMatch != null) {
      community = communityMatch.name() + "社区";
      pos = communityMatch.end();
    } else if (town) {
      SuffixedName.Match village = VILLAGE.at(s, pos);
      if (village != null) {
        community = village.name() + "村";
        pos = village.end();
      }
    }

    Tail tail = null;
    int tailStart = -1;
    for (int p = pos; p < s.length() && tail == null; p++) {
      if (!canStartTail(s.charAt(p)) || p > pos && sameNumberRun(s.charAt(p - 1), s.charAt(p))) {
        continue;
      }
      tail = Tail.at(s, p);
      tailStart = p;
    }
    String compound;
    List<String> unparsed = new ArrayList<>();
    if (tail != null) {
      compound = compound(s.substring(pos, tailStart));
      if (tail.end < s.length()) {
        unparsed.add(s.substring(tail.end));
      }
    } else {
      String rest = s.substring(pos);
      if (!rest.isEmpty() && rest.chars().noneMatch(Character::isDigit) && COMPOUND_NAME.matcher(rest).matches()) {
        compound = compound(rest);
      } else {
        int small = rest.indexOf("小区");
        compound = small > 0 ? compound(rest.substring(0, small + 2)) : null;
        String left = small > 0 ? rest.substring(small + 2) : rest;
        if (!left.isEmpty()) {
          unparsed.add(left);
        }
      }
    }
    return new ParsedAddress(
        district,
        street,
        community,
        compound,
        tail == null ? null : tail.building,
        tail == null ? null : tail.unit,
        tail == null ? null : tail.room,
        unparsed.isEmpty() ? null : String.join("", unparsed));
  }

  /** Half width, simplified, no spaces or list punctuation, one kind of dash, '#' for ＃. */
  static String normalize(String raw) {
    String s = ChineseScript.toSimplified(HalfWidth.of(raw));
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (SEPARATORS.indexOf(c) < 0) {
        out.append(DASHES.indexOf(c) >= 0 ? '-' : c);
      }
    }
    return out.toString();
  }

  /** Where a building, unit or room can begin: a digit, a Han numeral, a letter or 第. */
  private static boolean canStartTail(char c) {
    return isAsciiDigit(c) || isHanNumeral(c) || c < 128 && Character.isLetter(c) || c == '第';
  }

  /** {@code digits} without leading zeros, keeping the last character ("03" -> "3", "0" -> "0"). */
  private static String withoutLeadingZeros(CharSequence digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return digits.subSequence(start, digits.length()).toString();
  }

  /** A compound's canonical name ends in 小区 ("丽景湾" and "丽景湾小区" are one compound). */
  private static String compound(String text) {
    if (text.isEmpty()) {
      return null;
    }
    return text.endsWith("小区") || text.endsWith("新村") ? text : text + "小区";
  }

  private static boolean sameNumberRun(char a, char b) {
    return isAsciiDigit(a) && isAsciiDigit(b) || isHanNumeral(a) && isHanNumeral(b);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHanNumeral(char c) {
    return "零〇一二两三四五六七八九十百千".indexOf(c) >= 0;
  }

  /**
   * Arabic or Chinese numerals to a plain number without leading zeros: "五零一" -> 501,
   * "十三" -> 13, "一百零一" -> 101, "03" -> 3.
   */
  static String number(String text) {
    if (text.chars().allMatch(AddressParser::isAsciiDigitInt)) {
      return withoutLeadingZeros(text);
    }
    boolean positional = text.indexOf('十') >= 0 || text.indexOf('百') >= 0 || text.indexOf('千') >= 0;
    if (!positional) {
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        digits.append(hanDigit(text.charAt(i)));
      }
      return withoutLeadingZeros(digits);
    }
    long total = 0;
    long current = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '十' -> {
          total += (current == 0 ? 1 : current) * 10;
          current = 0;
        }
        case '百' -> {
          total += current * 100;
          current = 0;
        }
        case '千' -> {
          total += current * 1000;
          current = 0;
        }
        default -> current = hanDigit(c);
      }
    }
    return Long.toString(total + current);
  }

  private static boolean isAsciiDigitInt(int c) {
    return c >= '0' && c <= '9';
  }

  private static int hanDigit(char c) {
    return switch (c) {
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> 0;
    };
  }

  /** Building / unit / room found at one position of the text. */
  private record Tail(String building, String unit, String room, int end) {

    /** The tail starting exactly at {@code p}, or null when none starts there convincingly. */
    static Tail at(String s, int p) {
      int n = s.length();
      Matcher m = DASH3.matcher(s).region(p, n);
      if (m.lookingAt()) {
        return new Tail(number(m.group(1)), number(m.group(2)), number(m.group(3)), m.end());
      }
      m = DASH2.matcher(s).region(p, n);
      if (m.lookingAt()) {
        return new Tail(number(m.group(1)), null, number(m.group(2)), m.end());
      }
      String building = null;
      boolean strong = false;
      int i = p;
      m = BUILDING.matcher(s).region(p, n);
      if (m.lookingAt()) {
        String marker = m.group(2);
        building = buildingId(m.group(1));
        strong = !marker.equals("号") && !marker.equals("楼");
        i = m.end();
        Matcher dash = DASH2.matcher(s).region(i, n);
        if (dash.lookingAt()) {
          return new Tail(building, number(dash.group(1)), number(dash.group(2)), dash.end());
        }
      }
      String unit = null;
      m = UNIT.matcher(s).region(i, n);
      if (m.lookingAt()) {
        unit = number(m.group(1));
        strong = true;
        i = m.end();
      }
      String room = null;
      m = ROOM.matcher(s).region(i, n);
      if (m.lookingAt()) {
        boolean marked = m.group(2) != null && !m.group(2).equals("号");
        if (building != null || unit != null || marked) {
          room = number(m.group(1));
          strong |= marked || building != null;
          i = m.end();
        }
      }
      return strong ? new Tail(building, unit, room, i) : null;
    }

    private static String buildingId(String text) {
      char first = text.charAt(0);
      if (isAsciiDigit(first)) {
        StringBuilder digits = new StringBuilder();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (isAsciiDigit(c)) {
            digits.append(c);
          } else {
            letters.append(c);
          }
        }
        return number(digits.toString()) + letters.toString().toUpperCase();
      }
      if (first < 128) {
        return text.toUpperCase();
      }
      return number(text);
    }
  }
}
