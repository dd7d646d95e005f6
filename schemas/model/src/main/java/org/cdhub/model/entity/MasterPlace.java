package org.cdhub.model.entity;

import java.time.Instant;
import java.util.Map;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** One golden record per place, from district down to house (gold.place). */
@Doc("Golden place records: district, street, community, grid, compound, building, unit, house")
public record MasterPlace(
    @Required @Doc("Stable master id (L-...)") String masterId,
    @Required @Doc("Level in the place hierarchy") PlaceType placeType,
    @Doc("Administrative or source code of the place") String code,
    @Doc("Name of the place, e.g. 丽景湾小区 or 3号楼") String name,
    @Doc("Master id of the enclosing place") String parentId,
    @Doc("Full standardized address") String address,
    @Doc("District code") String districtCode,
    @Doc("Community code") String communityCode,
    @Doc("Grid code") String gridCode,
    @Doc("Per attribute: feed, record and rule") Map<String, String> provenance,
    @Required @Doc("When the merge job last changed this record") Instant updatedAt) {}
