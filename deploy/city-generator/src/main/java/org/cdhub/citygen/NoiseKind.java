package org.cdhub.citygen;

/** Every kind of noise the generator injects; each injection is logged in truth/noise_log.csv. */
enum NoiseKind {
  NAME_HOMOPHONE,
  NAME_TRADITIONAL,
  NAME_SPACED,
  ID_LEGACY_15,
  ID_WRONG_CHECK_DIGIT,
  ID_LOWERCASE_X,
  ID_FULL_WIDTH,
  /** An ID number typed into a numeric Excel cell: it reads back as 6.40104195003151E17. */
  ID_AS_NUMBER,
  PHONE_DECORATED,
  PHONE_LANDLINE,
  MISSING,
  DUPLICATE,
  DATE_VARIANT,
  HOSTILE_SQL,
  HOSTILE_CONTROL_CHARS,
  HOSTILE_EMOJI,
  HOSTILE_VERY_LONG,
  HOSTILE_NEWLINE;

  boolean hostile() {
    return name().startsWith("HOSTILE_");
  }
}
