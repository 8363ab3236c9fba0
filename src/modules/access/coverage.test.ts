import { describe, expect, it } from 'vitest';
import { bandOf, closureLoss, coverageFigures, greedySuggestion, nearestBruteForce, nearestDistances, SiteIndex, straightKm, weightedQuantile, type PopulatedPlace } from './coverage.js';

// One degree of latitude on a sphere of radius 6371 km is 6371 × π / 180 = 111.19493 km.
const kmPerDegree = (6371 * Math.PI) / 180;
const place = (id: number, lat: number, population: number): PopulatedPlace => ({ id, lat, lon: 0, population });

describe('distances', () => {
  it('measures along a meridian as degrees × 111.195 km', () => {
    expect(straightKm({ lat: 0, lon: 0 }, { lat: 0.01, lon: 0 })).toBeCloseTo(1.11195, 4);
    expect(straightKm({ lat: 46, lon: 14 }, { lat: 46, lon: 14 })).toBe(0);
  });
  it('finds the same nearest site through the index as by trying every site', () => {
    const sites = [
      { lat: 46.05, lon: 14.5 },
      { lat: 46.55, lon: 15.64 },
      { lat: 45.54, lon: 13.73 },
    ];
    const index = new SiteIndex(sites);
    for (const from of [{ lat: 46.1, lon: 14.4 }, { lat: 45.6, lon: 13.9 }, { lat: 46.4, lon: 15.2 }]) {
      expect(index.nearest(from)).toEqual(nearestBruteForce(sites, from));
    }
    expect(new SiteIndex([]).nearest({ lat: 0, lon: 0 })).toBeNull();
  });
});

describe('bands, median and 90th percentile', () => {
  // One site at (0, 0); five settlements north of it on the same meridian.
  const places = [place(1, 0.005, 100), place(2, 0.015, 200), place(3, 0.04, 300), place(4, 0.085, 400), place(5, 0.2, 1000)];
  const distances = nearestDistances(places, new SiteIndex([{ lat: 0, lon: 0 }]));

  it('gives each settlement its distance: 0.556, 1.668, 4.448, 9.452 and 22.239 km', () => {
    expect(distances.map((d) => Math.round(d.km * 1000) / 1000)).toEqual([0.556, 1.668, 4.448, 9.452, 22.239]);
  });
  it('counts the people within 1, 2, 5 and 10 km: 100, 300, 600, 1000 of 2000', () => {
    const f = coverageFigures(places, distances);
    expect(f.population).toBe(2000);
    expect(f.withinKm).toEqual({ '1': 100, '2': 300, '5': 600, '10': 1000 });
  });
  it('has the median where half the people (1000) are reached, 9.45 km, and the 90th percentile (1800) at 22.24 km', () => {
    const f = coverageFigures(places, distances);
    expect(f.medianKm).toBe(Math.round(0.085 * kmPerDegree * 100) / 100);
    expect(f.medianKm).toBe(9.45);
    expect(f.p90Km).toBe(22.24);
  });
  it('places a distance in its band, and beyond the last band', () => {
    expect([0.5, 1, 1.5, 2, 4.9, 10, 10.1].map((km) => bandOf(km))).toEqual([0, 0, 1, 1, 2, 3, 4]);
  });
  it('has no median where nobody lives', () => {
    expect(weightedQuantile([{ km: 3, population: 0 }], 0.5)).toBeNull();
  });
  it('reaches nobody when there is no site at all', () => {
    const f = coverageFigures(places, nearestDistances(places, new SiteIndex([])));
    expect(f.withinKm['10']).toBe(0);
    expect(f.medianKm).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('greedy maximal coverage', () => {
  // Four settlements far from any site; within 2 km: P2 and P3 reach each other (1.11 km apart).
  const places = [place(0, 1.0, 500), place(1, 1.1, 500), place(2, 1.2, 300), place(3, 1.21, 250)];
  const currentKm = [50, 50, 50, 50];

  it('takes the largest gain first, and on a tie the candidate listed first', () => {
    // Candidates in this order: P3, P2, P0, P1. P3 and P2 both reach 550 people: P3 wins the tie.
    // Then P0 and P1 tie at 500: P0 wins. Then P1 (500). Then nobody is left: the suggestion stops at 3.
    const steps = greedySuggestion({ places, currentKm, candidates: [3, 2, 0, 1], km: 2, k: 5 });
    expect(steps).toEqual([
      { candidate: 3, gained: 550, covers: [2, 3] },
      { candidate: 0, gained: 500, covers: [0] },
      { candidate: 1, gained: 500, covers: [1] },
    ]);
  });
  it('does not count people already within reach of a site', () => {
    const steps = greedySuggestion({ places, currentKm: [50, 50, 1, 50], candidates: [3, 2, 0, 1], km: 2, k: 1 });
    expect(steps).toEqual([{ candidate: 0, gained: 500, covers: [0] }]);
  });
});

describe('closing a point', () => {
  it('lists who would be beyond the distance without it, and how far they would be', () => {
    const sites = [{ lat: 0, lon: 0 }, { lat: 0.03, lon: 0 }];
    const places = [place(0, 0.005, 10), place(1, 0.018, 20), place(2, 0.03, 30)];
    const lost = closureLoss({ places, sites, closed: 1, km: 2 });
    expect(lost.map((l) => l.place)).toEqual([1, 2]);
    expect(lost[0]!.kmAfter).toBeCloseTo(0.018 * kmPerDegree, 6);
    // Closing the first: P0 (0.56 km from it) would be 0.025° = 2.78 km from the other; P1 stays 1.33 km away.
    expect(closureLoss({ places, sites, closed: 0, km: 2 }).map((l) => l.place)).toEqual([0]);
  });
});
