/**
 * The hub's domain kernel: plain-Java value types and checks for the identifiers and text
 * that every feed carries, shared by NiFi processors, Spark jobs, the catalog and the API so
 * that all of them standardize, validate and mask alike.
 *
 * <ul>
 *   <li>{@link org.cdhub.kernel.CitizenIdNumber} (GB 11643), {@link org.cdhub.kernel.CreditCode}
 *       (GB 32100), {@link org.cdhub.kernel.MobileNumber}, {@link org.cdhub.kernel.ExportDate}:
 *       check raw field text and return a {@link org.cdhub.kernel.Checked} outcome naming the
 *       failed rule (ID-CHECKSUM, PHONE-PREFIX, DATE-INVALID, ...) instead of throwing, because
 *       bad rows are data headed for quarantine;</li>
 *   <li>{@link org.cdhub.kernel.PersonName}, {@link org.cdhub.kernel.ChineseScript},
 *       {@link org.cdhub.kernel.Pinyin}: simplified names and pinyin keys for matching;</li>
 *   <li>{@link org.cdhub.kernel.AddressParser}: free-text addresses into the place hierarchy;</li>
 *   <li>{@link org.cdhub.kernel.Masking}: the default masking of personal data; rejection
 *       reasons and {@code toString()} of personal value types are masked already.</li>
 * </ul>
 *
 * <p>Depends on the JDK, opencc4j and pinyin4j only (enforced by the build). All types are
 * immutable and thread-safe.
 */
package org.cdhub.kernel;
