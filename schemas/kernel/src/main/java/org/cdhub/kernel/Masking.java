package org.cdhub.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Default masking of personal data for logs, messages and the return-data API. Every method
 * keeps null as null, never throws on odd input, and reveals at most what its format shows:
 * short or unrecognised inputs are masked completely rather than partially.
 */
public final class Masking {

  private static final String HIDDEN = "*";
  private static final Pattern ID_NUMBER_IN_TEXT = Pattern.compile("(?<!\\d)\\d{14,17}[\\dXx](?!\\d)");
  private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\+?86|0086)?1[3-9]\\d{9}(?!\\d)");

  private Masking() {}

  /**
   * Last 4 characters visible, one '*' per hidden character: {@code **************1234}.
   * Spaces are removed and full-width folded first. Fewer than 8 characters: all hidden.
   */
  public static String idNumber(String id) {
    if (id == null) {
      return null;
    }
    String s = HalfWidth.compact(id);
    if (s.length() < 8) {
      return HIDDEN.repeat(s.length());
    }
    return HIDDEN.repeat(s.length() - 4) + s.substring(s.length() - 4);
  }

  /**
   * Mobile numbers show the first 3 and last 4 digits: {@code 138****5678} (+86, spaces and
   * dashes removed first). Other numbers of 8 or more characters show only the last 4;
   * shorter ones are hidden completely.
   */
  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String s = MobileNumber.strip(phone);
    if (s.length() == 11 && CitizenIdNumber.allDigits(s) && s.charAt(0) == '1') {
      return s.substring(0, 3) + "****" + s.substring(7);
    }
    if (s.length() < 8) {
      return HIDDEN.repeat(s.length());
    }
    return HIDDEN.repeat(s.length() - 4) + s.substring(s.length() - 4);
  }

  /**
   * First character visible, and the last one when the name has 3 or more characters:
   * 张三 -> 张*, 张三丰 -> 张*丰, 欧阳娜娜 -> 欧**娜. A single character is hidden.
   * Counts code points, so rare characters outside the BMP are never split.
   */
  public static String name(String name) {
    if (name == null) {
      return null;
    }
    String s = name.strip();
    int[] cps = s.codePoints().toArray();
    if (cps.length <= 1) {
      return HIDDEN.repeat(cps.length);
    }
    StringBuilder out = new StringBuilder().appendCodePoint(cps[0]);
    if (cps.length == 2) {
      return out.append(HIDDEN).toString();
    }
    out.append(HIDDEN.repeat(cps.length - 2));
    return out.appendCodePoint(cps[cps.length - 1]).toString();
  }

  /**
   * Keeps district, street, community and compound; building, unit and room become '*'
   * ({@code 金凤区长城中路街道丽景社区丽景湾小区*号楼*单元*室}); any unparsed text becomes
   * "***". An address with no recognised district to compound is hidden completely ("***").
   */
  public static String address(String address) {
    if (address == null) {
      return null;
    }
    if (address.isBlank()) {
      return "";
    }
    ParsedAddress parsed = AddressParser.parse(address);
    StringBuilder out = new StringBuilder();
    appendIfPresent(out, parsed.district());
    appendIfPresent(out, parsed.street());
    appendIfPresent(out, parsed.community());
    appendIfPresent(out, parsed.compound());
    if (out.length() == 0) {
      return "***";
    }
    if (parsed.building() != null) {
      out.append("*号楼");
    }
    if (parsed.unit() != null) {
      out.append("*单元");
    }
    if (parsed.room() != null) {
      out.append("*室");
    }
    if (parsed.unparsed() != null) {
      out.append("***");
    }
    return out.toString();
  }

  /**
   * Free text (a request line, a message) with every run that could be an ID number or a mobile
   * number masked in place: 15 to 18 digits (the last may be X) as {@link #idNumber}, and an
   * 11-digit mobile, with or without +86 / 0086, as {@link #phone}. Shorter codes (a 12-digit
   * community code) stay readable.
   */
  public static String numbersInText(String text) {
    if (text == null) {
      return null;
    }
    return replaceAll(MOBILE_IN_TEXT, replaceAll(ID_NUMBER_IN_TEXT, text, true), false);
  }

  private static String replaceAll(Pattern pattern, String text, boolean idNumber) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(idNumber ? idNumber(m.group()) : phone(m.group())));
    }
    return m.appendTail(out).toString();
  }

  private static void appendIfPresent(StringBuilder out, String part) {
    if (part != null) {
      // A misparsed house number must not survive masking inside a "name" part.
      out.append(part.replaceAll("[0-9]", HIDDEN));
    }
  }
}
