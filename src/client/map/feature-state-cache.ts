/**
 * The feature states last set on the map, per source and feature, so that only the ones that changed are set again.
 * MapLibre repaints after every setFeatureState, even with the values a feature already has, and under software WebGL
 * a frame costs tens of milliseconds: a filter change used to re-set every place's state the moment the period
 * changed (nothing had changed yet), and the frame that followed held up the new answers.
 */
export type FeatureId = string | number;

export class FeatureStateCache {
  private readonly applied = new Map<string, Map<FeatureId, string>>();

  /** The entries of `next` whose values differ from the last ones set on `source`; records them as set. */
  changed<S extends object>(source: string, next: Iterable<readonly [FeatureId, S]>): Array<[FeatureId, S]> {
    let seen = this.applied.get(source);
    if (!seen) this.applied.set(source, (seen = new Map()));
    const out: Array<[FeatureId, S]> = [];
    for (const [id, state] of next) {
      const key = JSON.stringify(state);
      if (seen.get(id) === key) continue;
      seen.set(id, key);
      out.push([id, state]);
    }
    return out;
  }

  /** Forgets what was set on `source` (its features were replaced or removed, and their states with them). */
  forget(source: string): void {
    this.applied.delete(source);
  }
}
