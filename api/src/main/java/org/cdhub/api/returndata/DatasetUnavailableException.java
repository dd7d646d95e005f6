package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/** A dataset the API serves is not in the lakehouse (yet): the pipeline has not published it. */
public final class DatasetUnavailableException extends RuntimeException {
  private final String dataset;

  public DatasetUnavailableException(String dataset, String message) {
    super(message);
    this.dataset = requireNonNull(dataset, "dataset is null");
  }

  public String dataset() {
    return dataset;
  }
}
