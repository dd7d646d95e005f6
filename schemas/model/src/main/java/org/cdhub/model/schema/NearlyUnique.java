package org.cdhub.model.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a column whose values are (nearly) all different: ids, ID numbers, phones, addresses.
 * Writers turn Parquet's dictionary off for it, which would only be built to be thrown away.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface NearlyUnique {}
