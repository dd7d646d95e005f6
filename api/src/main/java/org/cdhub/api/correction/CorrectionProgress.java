package org.cdhub.api.correction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.cdhub.catalog.correction.CommunityCorrection;

/** Where corrections stand in the lakehouse, worked out when their sender asks. */
public interface CorrectionProgress {
  /**
   * A correction's status and, unless it is plainly RECEIVED, INGESTED or APPLIED, why.
   *
   * @param reason null when there is nothing to explain
   */
  record Progress(CorrectionStatus status, String reason) {
    public Progress {
      requireNonNull(status, "status is null");
    }
  }

  /** The progress of each correction, by its id. */
  Map<Long, Progress> of(List<CommunityCorrection> corrections);
}
