package org.cdhub.kernel;

/** Sex as recorded (GB/T 2261.1 codes 1 and 2; 0 and 9 fold into UNKNOWN). */
public enum Sex {
  MALE,
  FEMALE,
  UNKNOWN;

  /** From a GB/T 2261.1 code ("1" male, "2" female) or a Chinese label (男/女); anything else is UNKNOWN. */
  public static Sex fromCode(String code) {
    if (code == null) {
      return UNKNOWN;
    }
    return switch (code.trim()) {
      case "1", "男", "M", "m", "male", "MALE" -> MALE;
      case "2", "女", "F", "f", "female", "FEMALE" -> FEMALE;
      default -> UNKNOWN;
    };
  }
}
