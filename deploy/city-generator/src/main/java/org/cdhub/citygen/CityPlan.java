package org.cdhub.citygen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cdhub.citygen.Gazetteer.District;
import org.cdhub.citygen.Gazetteer.Street;
import org.cdhub.citygen.Gazetteer.StreetKind;
import org.cdhub.citygen.Places.Community;

/**
 * The city's outline before anyone lives in it: how many communities, where, with how many
 * residents each. Community counts grow with the city (about 3,500 residents per community, as
 * in Yinchuan); every district gets one once there are six or more.
 */
record CityPlan(long seed, int people, List<Community> communities) {
  static final int RESIDENTS_PER_COMMUNITY = 3_500;

  static CityPlan of(CityGeneratorConfig config) {
    int people = config.people();
    int count = Math.max(Math.max(1, Math.min(6, people / 50)), (people + RESIDENTS_PER_COMMUNITY - 1) / RESIDENTS_PER_COMMUNITY);
    int[] perDistrict = perDistrict(count);
    List<Street> streets = new ArrayList<>();
    for (int d = 0; d < Gazetteer.DISTRICTS.size(); d++) {
      District district = Gazetteer.DISTRICTS.get(d);
      List<Street> ofDistrict = Gazetteer.streetsOf(district);
      double[] weights = ofDistrict.stream().mapToDouble(CityPlan::streetWeight).toArray();
      int[] perStreet = dhondt(weights, perDistrict[d]);
      for (int s = 0; s < ofDistrict.size(); s++) {
        for (int k = 0; k < perStreet[s]; k++) {
          streets.add(ofDistrict.get(s));
        }
      }
    }
    CityRandom rng = CityRandom.stream(config.seed(), "plan", 0);
    double[] sizeWeights = new double[count];
    for (int i = 0; i < count; i++) {
      sizeWeights[i] = 0.6 + 0.8 * rng.nextDouble();
    }
    int[] residents = largestRemainder(sizeWeights, people);
    Set<String> names = new HashSet<>();
    List<Community> communities = new ArrayList<>();
    int[] seqInStreet = new int[Gazetteer.STREETS.size()];
    for (int i = 0; i < count; i++) {
      Street street = streets.get(i);
      int seq = ++seqInStreet[Gazetteer.STREETS.indexOf(street)];
      String code = street.code() + Digits.pad(seq, 3);
      communities.add(new Community(i, street, code, communityName(rng, names), residents[i]));
    }
    return new CityPlan(config.seed(), people, List.copyOf(communities));
  }

  private static double streetWeight(Street s) {
    return s.kind() == StreetKind.SUBDISTRICT ? 3 : s.kind() == StreetKind.TOWN ? 1 : 0.5;
  }

  private static int[] perDistrict(int communities) {
    List<District> districts = Gazetteer.DISTRICTS;
    double[] shares = districts.stream().mapToDouble(District::populationShare).toArray();
    if (communities < districts.size()) {
      return dhondt(shares, communities);
    }
    int[] rest = dhondt(shares, communities - districts.size());
    for (int i = 0; i < rest.length; i++) {
      rest[i]++;
    }
    return rest;
  }

  /** D'Hondt seat allocation: ties go to the earlier (larger) division. */
  static int[] dhondt(double[] weights, int seats) {
    int[] out = new int[weights.length];
    for (int k = 0; k < seats; k++) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (weights[i] / (out[i] + 1) > weights[best] / (out[best] + 1)) {
          best = i;
        }
      }
      out[best]++;
    }
    return out;
  }

  /** Splits {@code total} in proportion to {@code weights}, summing exactly to {@code total}. */
  static int[] largestRemainder(double[] weights, int total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] out = new int[weights.length];
    double[] remainder = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      out[i] = (int) Math.floor(exact);
      remainder[i] = exact - out[i];
      given += out[i];
    }
    for (int k = given; k < total; k++) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      out[best]++;
      remainder[best] = -1;
    }
    return out;
  }

  private static String communityName(CityRandom rng, Set<String> used) {
    for (int attempt = 0; attempt < 200; attempt++) {
      String word = rng.pick(Gazetteer.COMMUNITY_WORDS);
      String name = rng.chance(0.15) ? "新" + word : word;
      if (rng.chance(0.3)) {
        name += rng.pick(Gazetteer.DIRECTIONS);
      }
      if (used.add(name + "社区")) {
        return name + "社区";
      }
    }
    for (int n = 2; ; n++) {
      String name = rng.pick(Gazetteer.COMMUNITY_WORDS) + Numerals.chinese(n) + "社区";
      if (used.add(name)) {
        return name;
      }
    }
  }
}
