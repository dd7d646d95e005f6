package org.cdhub.jobs.merge;

import java.time.Instant;

/**
 * What one silver place record says about one level of the place hierarchy. A house record
 * speaks for its house (directly) and for its building, compound and community (as evidence
 * that they exist and what they are called); a compound record for its compound and community.
 *
 * @param placeKey natural key of the place, see {@link PlaceHierarchy}
 * @param parentKey natural key of the enclosing place, or null
 * @param gridCode the grid code the record gives its house, as evidence for every level above it too
 * @param direct whether the record is a record of this very place (it gets a gold.xref row)
 */
public record PlaceFact(
    String placeType,
    String placeKey,
    String parentKey,
    String code,
    String name,
    String address,
    String communityCode,
    String gridCode,
    boolean direct,
    String sourceSystem,
    String sourceRecordId,
    int trustRank,
    Instant ingestedAt,
    double completeness) {}
