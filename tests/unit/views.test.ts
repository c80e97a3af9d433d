/**
 * Which views each role is offered and which one it opens on (src/shared/views.ts), from the access summary the
 * server really sends in the session answer (accessSummary, src/server/access/guard.ts): a view is offered exactly when
 * the requests it makes will be answered.
 */
import { describe, expect, it } from 'vitest';
import { accessSummary } from '../../src/server/access/guard';
import { DEFAULT_CELL_KEY } from '../../src/server/access/cell-key';
import { ROLES, type Role } from '../../src/shared/enums';
import { LANDING_VIEW, landingView, VIEW_NEEDS, VIEWS, viewsFor, type AccessSummary, type View } from '../../src/shared/views';

const summary = (role: Role) => accessSummary(role, DEFAULT_CELL_KEY);

/** Written out, not derived: the views of each role and the one it lands on (issue 11, "Navigation that fits the role"). */
const EXPECTED: Record<Role, { views: View[]; landing: View }> = {
  public: { views: ['flows'], landing: 'flows' },
  donor: { views: ['flows', 'donor'], landing: 'donor' },
  government: { views: ['flows', 'hotspots'], landing: 'hotspots' },
  programme: { views: ['flows', 'donor', 'hotspots'], landing: 'flows' },
  admin: { views: ['flows', 'donor', 'hotspots'], landing: 'flows' },
};

describe('views per role, from the real access summary', () => {
  it.each(ROLES)('%s', (role) => {
    expect(viewsFor(summary(role))).toEqual(EXPECTED[role].views);
    expect(landingView(role, summary(role))).toBe(EXPECTED[role].landing);
    // every role lands on a view it can use
    expect(viewsFor(summary(role))).toContain(landingView(role, summary(role)));
  });

  it('each view is offered exactly when its requests are allowed', () => {
    for (const role of ROLES) {
      const a = summary(role);
      expect(VIEW_NEEDS.flows(a), role).toBe(a.routes !== undefined && !!a.flows?.groupBy?.includes('route') && !!a.flows.groupBy.includes('point'));
      expect(VIEW_NEEDS.hotspots(a), role).toBe(a.hotspots !== undefined);
      expect(VIEW_NEEDS.donor(a), role).toBe(
        ['centre', 'service'].every((g) => a.assistance?.groupBy?.includes(g)) && ['centre', 'destination'].every((g) => a.returns?.groupBy?.includes(g)),
      );
    }
  });

  it('signed out and government: no donor view, since returns by country of return follow the nationality rule', () => {
    for (const role of ['public', 'government'] as const) {
      expect(summary(role).returns?.groupBy).not.toContain('destination');
      expect(viewsFor(summary(role))).not.toContain('donor');
    }
  });
});

describe('landingView', () => {
  it('each audience has its own view', () => {
    expect(LANDING_VIEW).toEqual({ public: 'flows', programme: 'flows', admin: 'flows', donor: 'donor', government: 'hotspots' });
  });

  it('falls back to the first usable view when its own is not usable, and to Flows when none is', () => {
    const flowsOnly: AccessSummary = { routes: {}, flows: { groupBy: ['route', 'point'] } };
    expect(viewsFor(flowsOnly)).toEqual(['flows']);
    expect(landingView('government', flowsOnly)).toBe('flows');
    expect(landingView('donor', flowsOnly)).toBe('flows');
    const hotspotsOnly: AccessSummary = { hotspots: {} };
    expect(landingView('public', hotspotsOnly)).toBe('hotspots');
    expect(viewsFor({})).toEqual([]);
    expect(landingView('donor', {})).toBe('flows');
  });

  it('needs every part of a view: flows without the routes layer, or without point flows, is not the Flows view', () => {
    expect(viewsFor({ flows: { groupBy: ['route', 'point'] } })).toEqual([]);
    expect(viewsFor({ routes: {}, flows: { groupBy: ['route'] } })).toEqual([]);
    expect(viewsFor({ routes: {}, flows: {} })).toEqual([]);
    expect(viewsFor({ assistance: { groupBy: ['centre', 'service'] }, returns: { groupBy: ['centre'] } })).toEqual([]);
    expect(viewsFor({ assistance: { groupBy: ['centre', 'service'] }, returns: { groupBy: ['centre', 'destination'] } })).toEqual(['donor']);
  });

  it('lists views in the header’s order', () => {
    expect(VIEWS).toEqual(['flows', 'donor', 'hotspots']);
    expect(viewsFor(summary('admin'))).toEqual([...VIEWS]);
  });
});
