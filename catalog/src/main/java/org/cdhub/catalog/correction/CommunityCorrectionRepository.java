package org.cdhub.catalog.correction;

import java.util.List;
import java.util.Optional;

/**
 * Community corrections, in the catalog database. Written by the API, read back by their sender
 * and pulled by the feed {@code community_correction}; a stored correction never changes.
 */
public interface CommunityCorrectionRepository {
  /** Stores a new correction (its id is ignored) and returns it with the id it got. */
  CommunityCorrection submit(CommunityCorrection correction);

  Optional<CommunityCorrection> find(long id);

  /**
   * One client's corrections in one community, oldest first, after id {@code afterId} (0: from the first).
   *
   * @param limit most rows returned, at least 1
   */
  List<CommunityCorrection> findBySender(String clientId, String communityCode, long afterId, int limit);
}
