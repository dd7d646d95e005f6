package org.cdhub.api.catalog;

import static java.util.Objects.requireNonNull;

/** No catalog entry has the qualified name asked for. */
public final class DatasetNotRegisteredException extends RuntimeException {
  private final String qualifiedName;

  public DatasetNotRegisteredException(String qualifiedName) {
    super("Cannot find dataset " + qualifiedName + " in the catalog: it is not registered (run ./hub publish)");
    this.qualifiedName = requireNonNull(qualifiedName, "qualifiedName is null");
  }

  public String qualifiedName() {
    return qualifiedName;
  }
}
