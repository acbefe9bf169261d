// The outlines of Sweden's municipalities and counties (assets/geo/, see its README), loaded
// only by the pages that draw a map: a dynamic import makes them a chunk of their own, fetched
// from the app itself ('self' under the CSP), so the main bundle does not grow and nothing is
// asked of the network beyond the app's own files.

/** The few GeoJSON shapes the outlines use (RFC 7946). */
type Position = [number, number];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Feature<G, P> = { type: 'Feature'; geometry: G; properties: P };
export type FeatureCollection<G, P = Record<string, unknown>> = { type: 'FeatureCollection'; features: Feature<G, P>[] };

export type MunicipalityFeature = Feature<Polygon | MultiPolygon, { id: string; lan_code: string; name: string }>;
export type CountyFeature = Feature<Polygon | MultiPolygon, { l_id: string; name: string }>;

export type Outlines = {
  municipalities: MunicipalityFeature[];
  counties: CountyFeature[];
  /** All the counties as one collection: the domain every map of Sweden is fitted to. */
  sweden: FeatureCollection<Polygon | MultiPolygon>;
  municipalityByCode: Map<string, MunicipalityFeature>;
  countyByCode: Map<string, CountyFeature>;
};

let loading: Promise<Outlines> | null = null;

/** The outlines, loaded once per page load (every later call gets the same objects). */
export function loadOutlines(): Promise<Outlines> {
  loading ??= Promise.all([
    import('../../../assets/geo/kommuner.geojson?raw'),
    import('../../../assets/geo/lan.geojson?raw'),
  ])
    .then(([k, l]) => {
      const kommuner = JSON.parse(k.default) as FeatureCollection<Polygon | MultiPolygon>;
      const lan = JSON.parse(l.default) as FeatureCollection<Polygon | MultiPolygon>;
      const municipalities = kommuner.features as MunicipalityFeature[];
      const counties = lan.features as CountyFeature[];
      return {
        municipalities,
        counties,
        sweden: lan,
        municipalityByCode: new Map(municipalities.map((f) => [f.properties.id, f])),
        countyByCode: new Map(counties.map((f) => [f.properties.l_id, f])),
      };
    })
    .catch((err: unknown) => {
      // A failed load (a missing chunk) may be tried again on the next page that draws a map.
      loading = null;
      throw err;
    });
  return loading;
}

/**
 * Loads the outlines for a component that draws a map: `loaded` with them, or `failed`; the
 * function returned (an effect's cleanup) stops either from being called once the component
 * is gone.
 */
export function whenOutlines(loaded: (outlines: Outlines) => void, failed: () => void): () => void {
  let cancelled = false;
  loadOutlines()
    .then((o) => {
      if (!cancelled) loaded(o);
    })
    .catch(() => {
      if (!cancelled) failed();
    });
  return () => {
    cancelled = true;
  };
}

/**
 * The projection every map of Sweden uses (Plot's options): transverse Mercator about 15° E,
 * which keeps the long country upright, fitted to the counties' outline.
 */
export function swedenProjection(outlines: Outlines) {
  return { type: 'transverse-mercator', rotate: [-15, -62], domain: outlines.sweden } as const;
}

/** The height a map of Sweden needs at a width (the country is about 2.1 times taller than wide). */
export const mapHeight = (width: number) => Math.round(width * 2.1);
