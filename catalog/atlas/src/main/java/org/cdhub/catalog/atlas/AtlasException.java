package org.cdhub.catalog.atlas;

/** Atlas refused or could not take part of the export; the message says which request and why. */
public final class AtlasException extends RuntimeException {
  public AtlasException(String message) {
    super(message);
  }

  public AtlasException(String message, Throwable cause) {
    super(message, cause);
  }
}
