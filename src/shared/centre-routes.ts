/**
 * Which transit centre serves which corridor (route): reference data in data/centre-routes.json, read by the server
 * (pathway, pressure) and by the data generator (the relation between upstream flows and assistance). One schema,
 * one file name, one function that checks it against the places and routes.
 */
import * as z from 'zod/mini';

export const CENTRE_ROUTES_FILE = 'centre-routes.json';

const text = z.string().check(z.minLength(1));

export const centreRouteLink = z.object({
  centre: text,
  route: text,
  /** Order in which people coming back along the route reach the centre (1 = first). */
  step: z.int().check(z.minimum(1)),
  reasoning: text,
});
export type CentreRouteLink = z.infer<typeof centreRouteLink>;

export const centreRoutesFile = z.object({
  title: text,
  note: text,
  links: z.array(centreRouteLink).check(z.minLength(1)),
  unserved: z._default(z.array(z.object({ route: text, reasoning: text })), []),
});
export type CentreRoutes = z.infer<typeof centreRoutesFile>;

/**
 * Parses the file's text and checks it against the geography: every centre is a transit centre, every route exists,
 * a (centre, route) pair appears once, each route's steps run 1, 2, 3… and every route is either served or listed as
 * unserved, not both. Throws an Error naming the first problem.
 */
export function parseCentreRoutes(text: string, geography: { centres: readonly string[]; routes: readonly string[] }): CentreRoutes {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${CENTRE_ROUTES_FILE} is not JSON: ${(e as Error).message}`);
  }
  const parsed = centreRoutesFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${CENTRE_ROUTES_FILE}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const file = parsed.data;
  const centres = new Set(geography.centres);
  const routes = new Set(geography.routes);
  const seen = new Set<string>();
  const steps = new Map<string, number[]>();
  for (const l of file.links) {
    if (!centres.has(l.centre)) throw new Error(`${CENTRE_ROUTES_FILE}: '${l.centre}' is not a transit centre in places.geojson`);
    if (!routes.has(l.route)) throw new Error(`${CENTRE_ROUTES_FILE}: route '${l.route}' is not in routes.geojson`);
    const key = `${l.centre}/${l.route}`;
    if (seen.has(key)) throw new Error(`${CENTRE_ROUTES_FILE}: ${l.centre} and ${l.route} are linked twice`);
    seen.add(key);
    steps.set(l.route, [...(steps.get(l.route) ?? []), l.step]);
  }
  for (const [route, s] of steps) {
    const sorted = [...s].sort((a, b) => a - b);
    if (sorted.some((v, i) => v !== i + 1)) throw new Error(`${CENTRE_ROUTES_FILE}: the steps of ${route} are ${sorted.join(', ')}, not 1, 2, 3…`);
  }
  for (const u of file.unserved) {
    if (!routes.has(u.route)) throw new Error(`${CENTRE_ROUTES_FILE}: unserved route '${u.route}' is not in routes.geojson`);
    if (steps.has(u.route)) throw new Error(`${CENTRE_ROUTES_FILE}: ${u.route} is both served and unserved`);
  }
  const missing = [...routes].filter((r) => !steps.has(r) && !file.unserved.some((u) => u.route === r));
  if (missing.length > 0)
    throw new Error(`${CENTRE_ROUTES_FILE}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} neither served nor listed as unserved`);
  return file;
}

/** The centres serving a route, in the order people coming back reach them. */
export function centresServing(file: CentreRoutes, route: string): CentreRouteLink[] {
  return file.links.filter((l) => l.route === route).sort((a, b) => a.step - b.step);
}

/** The routes a centre serves. */
export function routesServedBy(file: CentreRoutes, centre: string): string[] {
  return file.links.filter((l) => l.centre === centre).map((l) => l.route);
}
