package org.cdhub.catalog.subscription;

import java.util.List;
import java.util.Optional;

/** The subscriptions, in the catalog database; none is ever deleted, so past reads stay explained. */
public interface SubscriptionRepository {
  /** Stores a new subscription (its id is ignored) and returns it with the id it got. */
  Subscription add(Subscription subscription);

  /**
   * Replaces a subscription's state and decision if it is still in {@code expected}: the check
   * and the write are one statement, so two deciders cannot both win.
   *
   * @return whether it was replaced
   */
  boolean update(Subscription next, SubscriptionState expected);

  Optional<Subscription> find(long id);

  /** Every subscription of one department, oldest first. */
  List<Subscription> findByDepartment(String department);

  /** Every subscription, oldest first. */
  List<Subscription> findAll();
}
