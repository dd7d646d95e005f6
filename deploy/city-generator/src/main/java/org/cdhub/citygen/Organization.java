package org.cdhub.citygen;

import java.time.LocalDate;

/**
 * A true organization with a unified social credit code: an enterprise, an individual
 * business (个体工商户), a property company or a developer.
 */
record Organization(
    String trueId,
    String creditCode,
    String name,
    Kind kind,
    String legalRepresentative,
    String legalRepresentativeId,
    String address,
    String communityCode,
    String districtCode,
    String phone,
    LocalDate established,
    String registeredCapital,
    String status,
    String businessScope,
    String enterpriseType) {

  enum Kind { ENTERPRISE, INDIVIDUAL_BUSINESS, PROPERTY_COMPANY, DEVELOPER }
}
