package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;

/**
 * One department's or vendor's export of the city: fed the city community by community and
 * finished once. Each export draws its noise and events from its own random streams.
 */
interface SourceExport {
  /** City-wide records written before any community (e.g. property companies). */
  default void begin(CityBuilder city) {}

  void write(CommunityPopulation community);

  /** Closes the files; the feeds written. */
  List<FeedExport> finish(CityBuilder city);
}
