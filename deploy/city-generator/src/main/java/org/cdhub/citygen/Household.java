package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.House;

/**
 * A registered household (户) living in one house. {@code householdNo} is the public-security
 * 户号; {@code plate} the household car's number plate, if it has one.
 */
record Household(String trueId, String householdNo, House house, List<Person> members, boolean subsistence, String plate) {
  Person head() {
    return members.get(0);
  }
}
