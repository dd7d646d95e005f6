package org.cdhub.api.correction;

/** No correction with this id sent by the client in this community (also another client's: no hint it exists). */
public final class CorrectionNotFoundException extends RuntimeException {
  public CorrectionNotFoundException(String communityCode, long id) {
    super("Cannot find correction " + id + " of this client in community " + communityCode);
  }
}
