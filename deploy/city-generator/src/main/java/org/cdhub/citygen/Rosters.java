package org.cdhub.citygen;

import java.nio.charset.Charset;
import org.cdhub.kernel.Sex;

/** Conventions the hand-kept departmental rosters share. */
final class Rosters {
  static final Charset GBK = Charset.forName("GBK");
  /** Rosters are saved from Excel on Windows: CRLF line ends. */
  static final String WINDOWS_LINE_END = "\r\n";
  /** Civil-affairs rosters are written by community workers in the standard form or the short one. */
  static final AddressForm.Mix ROSTER_ADDRESSES = new AddressForm.Mix(0, 0.1, 0.3, 0.2, 0.25, 0.05, 0.1);

  private Rosters() {}

  static String sexWord(Sex sex) {
    return sex == Sex.MALE ? "男" : "女";
  }
}
