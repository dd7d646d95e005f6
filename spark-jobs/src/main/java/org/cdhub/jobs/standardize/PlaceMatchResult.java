package org.cdhub.jobs.standardize;

import java.io.Serializable;
import org.cdhub.model.entity.PlaceMatch;

/** PLACEHOLDER until h/entities lands. */
public record PlaceMatchResult(String placeCode, PlaceMatch level) implements Serializable {}
