package org.cdhub.model.contract;

/** Domain format of a source field: selects the kernel standardizer and its checks. */
public enum FieldFormat {
  TEXT,
  CITIZEN_ID,
  CREDIT_CODE,
  MOBILE,
  DATE,
  TIMESTAMP,
  CHINESE_NAME,
  ADDRESS,
  INTEGER,
  DECIMAL,
  CODE
}
