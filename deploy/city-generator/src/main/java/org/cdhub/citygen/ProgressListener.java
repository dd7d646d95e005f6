package org.cdhub.citygen;

/** Told how far generation has come; called from the generating thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (stage, done, total) -> { };

  /** {@code done} of {@code total} units of {@code stage} are finished. */
  void progress(String stage, long done, long total);
}
