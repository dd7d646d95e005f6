package org.cdhub.catalog.search;

import static java.util.Objects.requireNonNull;

import org.cdhub.catalog.registry.Dataset;

/**
 * One dataset a catalog search found.
 *
 * @param dataset the catalog entry
 * @param score Lucene's relevance score (BM25 over the weighted fields): higher is better, comparable within one search only
 */
public record SearchHit(Dataset dataset, float score) {
  public SearchHit {
    requireNonNull(dataset, "dataset is null");
  }
}
