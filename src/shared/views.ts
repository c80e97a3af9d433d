/**
 * Which audience views a role can use, and which one it opens on. Derived from the access the server grants
 * (the session answer's `access`), so a view is offered exactly when its requests will be answered.
 */
import type { Role } from './enums';

export const VIEWS = ['flows', 'donor', 'hotspots'] as const;
export type View = (typeof VIEWS)[number];

/** The subset of the session answer's access summary the views depend on. */
export type AccessSummary = Readonly<Record<string, { groupBy?: readonly string[] | undefined } | undefined>>;

const can = (access: AccessSummary, endpoint: string, ...groupBy: string[]) => {
  const e = access[endpoint];
  return e !== undefined && groupBy.every((g) => e.groupBy?.includes(g) ?? false);
};

/** What each view needs answered. */
export const VIEW_NEEDS: Readonly<Record<View, (a: AccessSummary) => boolean>> = {
  /** Routes and monitoring points with their flows. */
  flows: (a) => can(a, 'routes') && can(a, 'flows', 'route') && can(a, 'flows', 'point'),
  /** Transit centres by people assisted and service, voluntary returns by centre and country of origin. */
  donor: (a) => can(a, 'assistance', 'centre', 'service') && can(a, 'returns', 'centre', 'destination'),
  /** Niger's admin-1 regions ranked by flows, change and anomaly. */
  hotspots: (a) => can(a, 'hotspots'),
};

/** The views a role can use, in the header's order. */
export function viewsFor(access: AccessSummary): View[] {
  return VIEWS.filter((v) => VIEW_NEEDS[v](access));
}

/** Each audience's own view first: signed out and programme → Flows, donor → Donor impact, government → Hotspots. */
export const LANDING_VIEW: Readonly<Record<Role, View>> = {
  public: 'flows',
  programme: 'flows',
  admin: 'flows',
  donor: 'donor',
  government: 'hotspots',
};

/** The view a role opens on: its own when it can use it, else the first it can use (Flows as a last resort). */
export function landingView(role: Role, access: AccessSummary): View {
  const views = viewsFor(access);
  return views.includes(LANDING_VIEW[role]) ? LANDING_VIEW[role] : (views[0] ?? 'flows');
}
