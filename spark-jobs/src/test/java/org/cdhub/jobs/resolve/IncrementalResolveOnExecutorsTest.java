package org.cdhub.jobs.resolve;

/**
 * The incremental scenario of {@link IncrementalResolveTest} with pairing and scoring on the
 * executors, as for an increment too large for the driver: the same clusters, masters and pairs.
 */
class IncrementalResolveOnExecutorsTest extends IncrementalResolveTest {
  @Override
  int driverPairingMaxRecords() {
    return 0;
  }

  @Override
  String expectedPairing() {
    return "executors";
  }
}
