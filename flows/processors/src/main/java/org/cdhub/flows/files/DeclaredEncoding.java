package org.cdhub.flows.files;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;

/**
 * Decodes a file with the encoding its source contract declares, and refuses rather than
 * produce mojibake when the declaration is wrong.
 *
 * <p>Heuristic: (1) the bytes must decode strictly (malformed or unmappable input is an error,
 * never a replacement character); this catches a GBK file declared UTF-8, because GBK's Chinese
 * byte pairs (lead 0xB0-0xF7) are not well-formed UTF-8. (2) When a non-UTF-8 encoding (GBK) is
 * declared but the bytes start with a UTF-8 BOM, or are well-formed UTF-8 holding at least
 * {@value #UTF8_EVIDENCE} multi-byte sequences, the file is UTF-8: GBK text of several Chinese
 * characters is practically never well-formed UTF-8 by chance (the known accidents, e.g. "联通",
 * are one or two characters long), while decoding real UTF-8 as GBK would silently succeed and
 * yield mojibake.
 */
public final class DeclaredEncoding {
  /** The file's bytes do not match the encoding its contract declares. */
  public static final String RULE_ENCODING = "INGEST-ENCODING";
  /** Multi-byte UTF-8 sequences needed to call a file declared otherwise UTF-8. */
  static final int UTF8_EVIDENCE = 3;

  private DeclaredEncoding() {}

  /** A file that cannot be decoded as declared. */
  public static final class WrongEncodingException extends Exception {
    public WrongEncodingException(String message) {
      super(message);
    }
  }

  /**
   * The text of {@code bytes} in the {@code declared} encoding, without a BOM.
   *
   * @param name what to call the file in messages (feed and file name)
   * @throws WrongEncodingException naming the file, the declared encoding and rule INGEST-ENCODING
   */
  public static String decode(byte[] bytes, Charset declared, String name) throws WrongEncodingException {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(declared, "declared is null");
    requireNonNull(name, "name is null");
    boolean utf8Bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    boolean declaredUtf8 = declared.equals(StandardCharsets.UTF_8);
    if (!declaredUtf8 && (utf8Bom || looksUtf8(bytes))) {
      throw new WrongEncodingException(name + ": rule " + RULE_ENCODING + ": the contract declares " + declared.name()
          + " but the file is UTF-8 (" + (utf8Bom ? "byte order mark" : "well-formed multi-byte UTF-8 sequences") + ")");
    }
    int skip = declaredUtf8 && utf8Bom ? 3 : 0;
    CharsetDecoder decoder = declared.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    try {
      return decoder.decode(in).toString();
    } catch (MalformedInputException | UnmappableCharacterException e) {
      int offset = in.position();
      throw new WrongEncodingException(name + ": rule " + RULE_ENCODING + ": the contract declares " + declared.name()
          + " but the bytes at offset " + offset + " (line " + lineAt(bytes, offset) + ") are not valid " + declared.name()
          + "; nothing of the file was landed");
    } catch (CharacterCodingException e) {
      throw new WrongEncodingException(name + ": rule " + RULE_ENCODING + ": cannot decode as " + declared.name() + ": " + e);
    }
  }

  /** Well-formed UTF-8 with at least {@value #UTF8_EVIDENCE} multi-byte sequences. */
  static boolean looksUtf8(byte[] bytes) {
    int multiByte = 0;
    for (int i = 0; i < bytes.length; ) {
      int b = bytes[i] & 0xFF;
      int extra;
      if (b < 0x80) {
        i++;
        continue;
      } else if (b >= 0xC2 && b <= 0xDF) {
        extra = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        extra = 2;
      } else if (b >= 0xF0 && b <= 0xF4) {
        extra = 3;
      } else {
        return false;
      }
      if (i + extra >= bytes.length) {
        return false;
      }
      for (int k = 1; k <= extra; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      multiByte++;
      i += extra + 1;
    }
    if (multiByte < UTF8_EVIDENCE) {
      return false;
    }
    // final check with the JDK's strict decoder (overlongs, surrogates)
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, bytes.length); i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
