package org.cdhub.model.entity;

import java.time.Instant;
import java.util.Map;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** One golden record per organization: enterprise, social organization, property company. */
@Doc("Golden organization records: enterprises, social organizations, property companies")
public record MasterOrganization(
    @Required @Doc("Stable master id (O-...)") String masterId,
    @Doc("Unified social credit code (GB 32100)") String creditCode,
    @Doc("Registered name") String name,
    @Doc("ENTERPRISE, SOCIAL_ORGANIZATION, PROPERTY_COMPANY, PARTY_BRANCH") String orgType,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Legal representative's name") String legalRepresentative,
    @Doc("Registered address") String address,
    @Doc("Master id of the place it is located at") String placeId,
    @Doc("Community code") String communityCode,
    @Doc("Per attribute: feed, record and rule") Map<String, String> provenance,
    @Required @Doc("When the merge job last changed this record") Instant updatedAt) {}
