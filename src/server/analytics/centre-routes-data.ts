/**
 * Which transit centre serves which route: `data/centre-routes.json` read from the configured data directory and
 * checked against the store's transit centres and routes. Read once at start (app.ts) and given to both readers, the
 * pathway (GET /api/v1/pathway) and the pressure forecast (GET /api/v1/pressure), so both follow the same file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENTRE_ROUTES_FILE, parseCentreRoutes, type CentreRoutes } from '../../shared/centre-routes';
import type { Store } from '../store/types';

/** Reads and checks `dataDir`/centre-routes.json; throws an Error naming the file and the problem. */
export async function loadCentreRoutes(dataDir: string, store: Store): Promise<CentreRoutes> {
  const path = join(dataDir, CENTRE_ROUTES_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read ${path} (which transit centre serves which route, for /api/v1/pathway and /api/v1/pressure): ${(e as Error).message}`);
  }
  const [places, routes] = await Promise.all([store.places(), store.routes()]);
  const centres = places.features
    .map((f) => f.properties)
    .filter((p) => p.kind === 'transit_centre')
    .map((p) => p.id);
  try {
    return parseCentreRoutes(text, { centres, routes: routes.features.map((f) => f.properties.id) });
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}
