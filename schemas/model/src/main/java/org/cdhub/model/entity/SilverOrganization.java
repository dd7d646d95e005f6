package org.cdhub.model.entity;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** An organization as one feed described it, standardized and validated (silver.organization). */
@Doc("Standardized organization records (enterprises, property companies), one row per source record")
public record SilverOrganization(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @NearlyUnique @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Bronze batch the record arrived in") String batchId,
    @NearlyUnique @Doc("Unified social credit code, 18 characters, checksum verified") String creditCode,
    @NearlyUnique @Doc("Registered name, width and script normalized") String name,
    @Doc("Legal form, e.g. 有限责任公司 or 个体工商户") String orgType,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Legal representative or operator") String legalRepresentative,
    @Doc("Address as delivered") String addressRaw,
    @Doc("Parsed: district") String district,
    @Doc("Parsed: street (街道)") String street,
    @Doc("Parsed: community (社区)") String community,
    @Doc("Parsed: compound (小区)") String compound,
    @Doc("Parsed: building (楼栋)") String building,
    @Doc("Community code the address resolved to") String communityCode,
    @Doc("Code of the most specific known place the address matched") String placeCode,
    @Required @Doc("HOUSE, BUILDING, COMPOUND, COMMUNITY or UNMATCHED") PlaceMatch placeMatch,
    @Doc("Non-fatal standardization notes") List<String> notes,
    @Required @Doc("Trust rank of the feed (0-100), from its contract") int trustRank,
    @Required @Doc("When the record was ingested") Instant ingestedAt) {}
