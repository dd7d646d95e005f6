package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Master ids of persons: {@code P-} and 20 hex digits (80 bits) of SHA-256 over the cluster's
 * smallest source record key ({@code feed}, unit separator, {@code record id}). Derived from
 * content, never random, so the same input always yields the same ids.
 */
public final class MasterIds {
  public static final String PERSON_PREFIX = "P-";
  static final int HEX_DIGITS = 20;
  static final char KEY_SEPARATOR = '\u001f';

  private MasterIds() {}

  /** The key a cluster's id derives from: feed and record id of one source record. */
  public static String recordKey(String sourceSystem, String sourceRecordId) {
    return requireNonNull(sourceSystem, "sourceSystem is null") + KEY_SEPARATOR + requireNonNull(sourceRecordId, "sourceRecordId is null");
  }

  /** The id derived from a record key; salt 0 is the normal id, higher salts only step around a collision. */
  public static String derive(String recordKey, int salt) {
    requireNonNull(recordKey, "recordKey is null");
    if (salt < 0) {
      throw new IllegalArgumentException("Invalid salt, must be >= 0: " + salt);
    }
    String input = salt == 0 ? recordKey : recordKey + KEY_SEPARATOR + salt;
    byte[] hash = sha256(input);
    return PERSON_PREFIX + HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS).toUpperCase(Locale.ROOT);
  }

  /**
   * The id of a master whose identity is a natural key (a place's position, a device's serial
   * number, an organization's credit code): {@code prefix} and 20 hex digits of SHA-256 over it.
   */
  public static String ofNaturalKey(String prefix, String naturalKey) {
    requireNonNull(prefix, "prefix is null");
    requireNonNull(naturalKey, "naturalKey is null");
    return prefix + HexFormat.of().formatHex(sha256(naturalKey)).substring(0, HEX_DIGITS).toUpperCase(Locale.ROOT);
  }

  /** The first derived id of {@code recordKey} not in {@code taken}. */
  public static String deriveAvoiding(String recordKey, Set<String> taken) {
    for (int salt = 0; salt < 1000; salt++) {
      String id = derive(recordKey, salt);
      if (!taken.contains(id)) {
        return id;
      }
    }
    throw new IllegalStateException("Cannot derive a free master id for record key " + recordKey.replace(KEY_SEPARATOR, ':'));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: SHA-256 missing from the JDK", e);
    }
  }
}
