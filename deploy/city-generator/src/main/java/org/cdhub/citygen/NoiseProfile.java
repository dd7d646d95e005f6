package org.cdhub.citygen;

/**
 * How dirty one department's or vendor's data is: the probability, per record, of each kind of
 * noise. Public security is cleanest, hand-kept rosters and vendor systems dirtiest. Rates are
 * modest on purpose: most records stay clean, as in real exports.
 *
 * @param nameHomophone a given-name character replaced by a homophone (同音字)
 * @param nameTraditional the name written in traditional characters
 * @param nameSpaced a space between surname and given name ("张 三", "张　三")
 * @param idLegacy15 the 15-digit legacy ID number (only for people born before 1980)
 * @param idWrongCheckDigit the ID number's check character mistyped
 * @param idLowercaseX a final X written as x (among IDs ending in X)
 * @param idFullWidth the ID number typed in full-width digits
 * @param phoneDecorated the mobile number written with +86, spaces or dashes
 * @param phoneLandline a landline given instead of a mobile
 * @param missingField an optional field left empty
 * @param duplicateRecord the record delivered twice (the copy may differ slightly)
 * @param dateVariant a date typed in another format than the feed's usual one
 */
record NoiseProfile(
    double nameHomophone,
    double nameTraditional,
    double nameSpaced,
    double idLegacy15,
    double idWrongCheckDigit,
    double idLowercaseX,
    double idFullWidth,
    double phoneDecorated,
    double phoneLandline,
    double missingField,
    double duplicateRecord,
    double dateVariant) {

  /** 公安户籍: the authoritative register; rare legacy entries and the odd duplicate registration (一人多户). */
  static final NoiseProfile PUBLIC_SECURITY = new NoiseProfile(0.002, 0.0, 0.0, 0.004, 0.001, 0.0, 0.0, 0.02, 0.005, 0.005, 0.002, 0.0);
  /** 住建: owner data typed at registration, often years ago. */
  static final NoiseProfile HOUSING = new NoiseProfile(0.01, 0.005, 0.003, 0.02, 0.004, 0.3, 0.0, 0.05, 0.02, 0.02, 0.0, 0.0);
  /** 民政, 退役军人, 残联: rosters kept by hand in Excel by community workers. */
  static final NoiseProfile ROSTER = new NoiseProfile(0.02, 0.01, 0.01, 0.02, 0.006, 0.5, 0.003, 0.05, 0.02, 0.02, 0.01, 0.05);
  /** 卫健: family-doctor records, with duplicate health archives (重复建档). */
  static final NoiseProfile HEALTH = new NoiseProfile(0.015, 0.005, 0.005, 0.01, 0.005, 0.5, 0.002, 0.06, 0.01, 0.03, 0.015, 0.0);
  /** 网格: incidents typed on a phone by grid workers. */
  static final NoiseProfile GRID = new NoiseProfile(0.03, 0.005, 0.01, 0.0, 0.01, 0.5, 0.0, 0.1, 0.02, 0.1, 0.02, 0.0);
  /** 市场监管: registry data, clean but with renamed companies registered twice in old exports. */
  static final NoiseProfile MARKET = new NoiseProfile(0.0, 0.0, 0.0, 0.0, 0.002, 0.0, 0.0, 0.0, 0.0, 0.03, 0.005, 0.0);
  /** Compound vendors: names in pinyin, IDs often missing, HTTP retries push the same event twice. */
  static final NoiseProfile VENDOR = new NoiseProfile(0.0, 0.0, 0.0, 0.0, 0.003, 0.5, 0.0, 0.05, 0.0, 0.05, 0.01, 0.0);

  NoiseProfile {
    double[] all = {nameHomophone, nameTraditional, nameSpaced, idLegacy15, idWrongCheckDigit, idLowercaseX, idFullWidth,
        phoneDecorated, phoneLandline, missingField, duplicateRecord, dateVariant};
    for (double p : all) {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("Invalid noise rate, expected 0..1: " + p);
      }
    }
  }
}
