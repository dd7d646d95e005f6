package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;

/**
 * Who takes a decision, and for which department: a dataset's owner is the department its
 * catalog entry names as provider ({@code providerDepartment}).
 *
 * @param name the person, for the audit and the subscription's {@code decidedBy}
 * @param department the department they act for, spelt as the catalog spells providers, or a requester's code
 */
public record Decider(String name, String department) {
  public Decider {
    requireNonNull(name, "name is null");
    requireNonNull(department, "department is null");
    if (!SubscriptionRequest.NAME.matcher(name).matches()) {
      throw new SubscriptionException(SubscriptionException.Kind.INVALID, "decidedBy", "required",
          "Invalid decider: must name who decides (at most 128 characters, no control characters), was " + name);
    }
  }
}
