package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * gold.place as of one snapshot: the community lists, plus the hierarchy (each place's parent)
 * that the building and grid filters of every list are answered from.
 */
public final class PlaceProjection implements ServedSnapshot {
  static final String DATASET = LakehouseTable.GOLD_PLACE.qualifiedName();
  /** Deepest hierarchy walked; gold.place has eight levels, so a longer chain is a cycle. */
  private static final int MAX_DEPTH = PlaceType.values().length;

  private final CommunityProjection<MasterPlace> places;
  private final Map<String, MasterPlace> byId;

  private PlaceProjection(CommunityProjection<MasterPlace> places, Map<String, MasterPlace> byId) {
    this.places = places;
    this.byId = byId;
  }

  public static PlaceProjection of(long snapshotId, Collection<MasterPlace> rows) {
    requireNonNull(rows, "rows is null");
    Map<String, MasterPlace> byId = new HashMap<>(rows.size() * 2);
    for (MasterPlace place : rows) {
      byId.put(place.masterId(), place);
    }
    return new PlaceProjection(
        CommunityProjection.of(DATASET, snapshotId, rows, MasterPlace::communityCode, MasterPlace::masterId), byId);
  }

  @Override
  public long snapshotId() {
    return places.snapshotId();
  }

  @Override
  public int size() {
    return places.size();
  }

  /** The places per community, in master-id order. */
  public CommunityProjection<MasterPlace> places() {
    return places;
  }

  /** Whether place {@code placeId} is {@code ancestorId} or lies inside it (a house in a building). */
  public boolean isWithin(String placeId, String ancestorId) {
    requireNonNull(ancestorId, "ancestorId is null");
    String id = placeId;
    for (int depth = 0; id != null && depth <= MAX_DEPTH; depth++) {
      if (id.equals(ancestorId)) {
        return true;
      }
      MasterPlace place = byId.get(id);
      id = place == null ? null : place.parentId();
    }
    return false;
  }

  /** The community a place lies in; null for an unknown place or one without a community code. */
  public String communityOf(String placeId) {
    MasterPlace place = placeId == null ? null : byId.get(placeId);
    return place == null ? null : place.communityCode();
  }

  /**
   * The grid a place lies in: its own grid code, else that of the nearest enclosing place that
   * has one (a GRID place's code is its grid); null when none does.
   */
  public String gridOf(String placeId) {
    String id = placeId;
    for (int depth = 0; id != null && depth <= MAX_DEPTH; depth++) {
      MasterPlace place = byId.get(id);
      if (place == null) {
        return null;
      }
      if (place.gridCode() != null) {
        return place.gridCode();
      }
      if (place.placeType() == PlaceType.GRID && place.code() != null) {
        return place.code();
      }
      id = place.parentId();
    }
    return null;
  }
}
