import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { centresServing, parseCentreRoutes, routesServedBy, CENTRE_ROUTES_FILE } from '../../src/shared/centre-routes';

const data = (f: string) => readFileSync(resolve(import.meta.dirname, '../../data', f), 'utf8');
const places = JSON.parse(data('places.geojson')) as { features: Array<{ properties: { id: string; kind: string } }> };
const routeFile = JSON.parse(data('routes.geojson')) as { features: Array<{ properties: { id: string } }> };
const geography = {
  centres: places.features.filter((f) => f.properties.kind === 'transit_centre').map((f) => f.properties.id),
  routes: routeFile.features.map((f) => f.properties.id),
};
const shipped = data(CENTRE_ROUTES_FILE);

describe('data/centre-routes.json', () => {
  it('names only stored centres and routes, and says of every route whether a centre serves it', () => {
    const file = parseCentreRoutes(shipped, geography);
    const covered = new Set([...file.links.map((l) => l.route), ...file.unserved.map((u) => u.route)]);
    expect([...covered].sort()).toEqual([...geography.routes].sort());
    for (const l of file.links) expect(l.reasoning.length).toBeGreaterThan(20);
  });

  it('orders the centres of a corridor as people coming back reach them (Libya: Dirkou, then Agadez, then Niamey)', () => {
    const file = parseCentreRoutes(shipped, geography);
    expect(centresServing(file, 'R5').map((l) => l.centre)).toEqual(['dirkou-tc', 'agadez-tc', 'niamey-tc']);
    expect(centresServing(file, 'R4')[0]!.centre).toBe('arlit-tc');
    expect(routesServedBy(file, 'dirkou-tc')).toEqual(['R5']);
    expect(centresServing(file, 'R2a')).toEqual([]);
  });

  const edit = (f: (j: { links: Array<Record<string, unknown>>; unserved: Array<Record<string, unknown>> }) => void) => {
    const j = JSON.parse(shipped);
    f(j);
    return JSON.stringify(j);
  };

  it.each([
    ['a centre that is not a transit centre', () => edit((x) => (x.links[0]!.centre = 'agadez-fmp')), /'agadez-fmp' is not a transit centre/],
    ['an unknown route', () => edit((x) => (x.links[0]!.route = 'R9')), /route 'R9' is not in routes.geojson/],
    ['a pair twice', () => edit((x) => x.links.push({ ...x.links[0]!, step: 4 })), /dirkou-tc and R5 are linked twice/],
    ['a gap in the steps', () => edit((x) => (x.links[1]!.step = 5)), /steps of R5 are 1, 3, 5/],
    ['a route forgotten', () => edit((x) => x.unserved.pop()), /R5b is neither served nor listed as unserved/],
    ['a route served and unserved', () => edit((x) => x.unserved.push({ route: 'R5', reasoning: 'both' })), /R5 is both served and unserved/],
    ['a missing field', () => edit((x) => delete x.links[2]!.reasoning), /links\.2\.reasoning/],
    ['not JSON', () => '{', /is not JSON/],
  ])('refuses %s, naming it', (_what, make, message) => {
    expect(() => parseCentreRoutes(make(), geography)).toThrow(message);
  });
});
