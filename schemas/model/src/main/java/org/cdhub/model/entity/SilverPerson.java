package org.cdhub.model.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cdhub.kernel.Sex;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** A person as one feed described them, standardized and validated (silver.person). */
@Doc("Standardized person records from every feed, one row per source record")
public record SilverPerson(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @NearlyUnique @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Bronze batch the record arrived in") String batchId,
    @NearlyUnique @Sensitive(Sensitivity.SENSITIVE_PERSONAL) @Doc("Citizen ID number, upgraded to 18 characters") String idNumber,
    @NearlyUnique @Sensitive(Sensitivity.SENSITIVE_PERSONAL)
    @Doc("Another identity number (passport, residence permit, social security number), upper case without spaces") String otherIdNumber,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Name, simplified, spaces and width normalized") String name,
    @Doc("Pinyin key of the name") String namePinyin,
    @Doc("MALE, FEMALE or UNKNOWN") Sex sex,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Date of birth") LocalDate birthDate,
    @NearlyUnique @Sensitive(Sensitivity.PERSONAL) @Doc("Mobile number, 11 digits") String phone,
    @NearlyUnique @Sensitive(Sensitivity.PERSONAL) @Doc("Address as delivered") String addressRaw,
    @Doc("Parsed: district") String district,
    @Doc("Parsed: street (街道)") String street,
    @Doc("Parsed: community (社区)") String community,
    @Doc("Parsed: compound (小区)") String compound,
    @Doc("Parsed: building (楼栋)") String building,
    @Doc("Parsed: unit (单元)") String unit,
    @Doc("Parsed: room (室)") String room,
    @Doc("Community code the address resolved to") String communityCode,
    @Doc("Code of the most specific known place the address matched") String placeCode,
    @Required @Doc("HOUSE, BUILDING, COMPOUND, COMMUNITY or UNMATCHED") PlaceMatch placeMatch,
    @NearlyUnique @Doc("Household number, where the feed has one") String householdNo,
    @Doc("Key-population facts asserted by this feed") List<String> tags,
    @Doc("MOVED_OUT or DECEASED as this feed asserts it; null: no assertion (a resident)") PersonStatus status,
    @Doc("Non-fatal standardization notes, e.g. ID_UPGRADED_FROM_15") List<String> notes,
    @Required @Doc("Trust rank of the feed (0-100), from its contract") int trustRank,
    @Required @Doc("When the record was ingested") Instant ingestedAt) {}
