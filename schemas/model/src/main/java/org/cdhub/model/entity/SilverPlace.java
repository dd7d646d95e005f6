package org.cdhub.model.entity;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** A compound or house as one feed described it, standardized and validated (silver.place). */
@Doc("Standardized place records (compounds, houses), one row per source record")
public record SilverPlace(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @NearlyUnique @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Bronze batch the record arrived in") String batchId,
    @Required @Doc("COMPOUND or HOUSE") PlaceType placeType,
    @NearlyUnique @Doc("Code of the place in the source system") String code,
    @NearlyUnique @Doc("Name: compound name, or the house's standard address") String name,
    @Doc("Compound (小区), canonical") String compound,
    @Doc("Building number, canonical (3, not 3号楼)") String building,
    @Doc("Unit number, canonical") String unit,
    @Doc("Room number, canonical") String room,
    @NearlyUnique @Sensitive(Sensitivity.INTERNAL) @Doc("Address as delivered") String addressRaw,
    @Doc("Parsed: district") String district,
    @Doc("Parsed: street (街道)") String street,
    @Doc("Parsed: community (社区)") String community,
    @Doc("Community code") String communityCode,
    @Doc("Grid code (网格编码) of a house, from the feed: the community code and 3 digits") String gridCode,
    @Doc("Credit code of the property company managing the compound") String managerCreditCode,
    @Doc("Name of the property company managing the compound") String managerName,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Registered owner's name (person or company)") String ownerName,
    @NearlyUnique @Sensitive(Sensitivity.SENSITIVE_PERSONAL) @Doc("Owner's citizen ID number (18) or credit code") String ownerIdNumber,
    @NearlyUnique @Sensitive(Sensitivity.PERSONAL) @Doc("Owner's mobile number") String ownerPhone,
    @Doc("Non-fatal standardization notes") List<String> notes,
    @Required @Doc("Trust rank of the feed (0-100), from its contract") int trustRank,
    @Required @Doc("When the record was ingested") Instant ingestedAt) {}
