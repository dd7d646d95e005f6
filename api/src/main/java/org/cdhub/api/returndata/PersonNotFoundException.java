package org.cdhub.api.returndata;

/** No person with the master id in the community asked for (also when it lives in another one: no hint where). */
public final class PersonNotFoundException extends RuntimeException {
  public PersonNotFoundException(String communityCode, String masterId) {
    super("Cannot find person " + masterId + " in community " + communityCode);
  }

  /** No golden person with the master id at all (for auditors, who are not bound to a community). */
  public PersonNotFoundException(String masterId) {
    super("Cannot find person " + masterId + " in gold.person or gold.xref");
  }
}
