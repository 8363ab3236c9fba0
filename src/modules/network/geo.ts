/** A position in WGS 84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

const earthRadiusKm = 6371.0088;

/** Great-circle distance in kilometres (haversine); ample for distances inside one country. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `count` points nearest to `from`, each with its distance, nearest first. */
export function nearest<T extends { lat: number | null; lon: number | null }>(
  points: T[],
  from: LatLon,
  count: number,
): (T & { distanceKm: number })[] {
  return points
    .filter((p): p is T & LatLon => p.lat !== null && p.lon !== null)
    .map((p) => ({ ...p, distanceKm: distanceKm(from, p) }))
    .sort((a, b) => a.distanceKm - b.distanceKm)
    .slice(0, count);
}
