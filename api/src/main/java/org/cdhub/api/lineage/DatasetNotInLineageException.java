package org.cdhub.api.lineage;

import static java.util.Objects.requireNonNull;

/** The hub's lineage graph has no dataset of the name asked for. */
public final class DatasetNotInLineageException extends RuntimeException {
  private final String qualifiedName;

  public DatasetNotInLineageException(String qualifiedName) {
    super("Cannot find dataset " + qualifiedName + " in the hub's lineage: datasets are bronze.<feed> of a source contract, "
        + "silver.* and gold.* tables");
    this.qualifiedName = requireNonNull(qualifiedName, "qualifiedName is null");
  }

  public String qualifiedName() {
    return qualifiedName;
  }
}
