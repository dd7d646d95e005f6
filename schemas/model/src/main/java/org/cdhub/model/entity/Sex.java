package org.cdhub.model.entity;

/** Sex as recorded (GB/T 2261.1 codes 1 and 2; 0 and 9 fold into UNKNOWN). */
public enum Sex {
  MALE,
  FEMALE,
  UNKNOWN
}
