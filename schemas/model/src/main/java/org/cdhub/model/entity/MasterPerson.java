package org.cdhub.model.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cdhub.kernel.Sex;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** One golden record per real person (gold.person). */
@Doc("Golden person records: one per real-world person, merged from every feed")
public record MasterPerson(
    @Required @Doc("Stable master id (P-...)") String masterId,
    @Sensitive(Sensitivity.SENSITIVE_PERSONAL) @Doc("Citizen ID number, 18-character form") String idNumber,
    @Sensitive(Sensitivity.SENSITIVE_PERSONAL) @Doc("Another identity number: passport, residence permit, social security number") String otherIdNumber,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Name in simplified Chinese") String name,
    @Doc("Pinyin key of the name, for matching and search") String namePinyin,
    @Doc("MALE, FEMALE or UNKNOWN") Sex sex,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Date of birth") LocalDate birthDate,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Mobile number, 11 digits") String phone,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Standardized residential address") String address,
    @Doc("Master id of the house lived in") String houseId,
    @Doc("District code (6 digits)") String districtCode,
    @Doc("Community code: the jurisdiction that sees this person") String communityCode,
    @Doc("Grid code within the community") String gridCode,
    @Doc("Key-population tags, e.g. ELDERLY_ALONE, DISABLED, VETERAN") List<String> tags,
    @Doc("MOVED_OUT or DECEASED, the latest assertion of any feed; null: none (a resident)") PersonStatus status,
    @Doc("Per attribute: feed, record and survivorship rule that chose the value") Map<String, String> provenance,
    @Required @Doc("Number of source records merged into this master") int sourceCount,
    @Required @Doc("When the merge job last changed this record") Instant updatedAt) {}
