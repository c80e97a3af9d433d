/** The camera while the pressure panel is open (features/pressure/frame.ts): the centres' box fills the free part. */
import { describe, expect, it } from 'vitest';
import { frameBounds } from '../../src/client/features/pressure/frame';

const NO_PADDING = { top: 0, right: 0, bottom: 0, left: 0 };

describe('frameBounds', () => {
  it('the whole world fits a 512-pixel square at zoom 0, and each doubling of the box is one zoom level', () => {
    const world: [number, number, number, number] = [-180, -85.0511287798, 180, 85.0511287798];
    expect(frameBounds(world, { width: 512, height: 512 }, NO_PADDING)!.zoom).toBeCloseTo(0, 6);
    expect(frameBounds(world, { width: 1024, height: 1024 }, NO_PADDING)!.zoom).toBeCloseTo(1, 6);
    expect(frameBounds(world, { width: 1024, height: 512 }, NO_PADDING)!.zoom).toBeCloseTo(0, 6);
  });

  it('the padding is taken off the box before fitting: the tighter side decides', () => {
    const box: [number, number, number, number] = [0, 0, 45, 0.0001];
    // 45° of longitude is 64 px at zoom 0: 512 free pixels → zoom 3.
    expect(frameBounds(box, { width: 812, height: 10_000 }, { top: 0, right: 100, bottom: 0, left: 200 })!.zoom).toBeCloseTo(3, 6);
  });

  it('centres on the middle of the box in Mercator (north of the middle latitude in degrees)', () => {
    const f = frameBounds([2, 13.5, 13, 19], { width: 1000, height: 600 }, NO_PADDING)!;
    expect(f.center[0]).toBeCloseTo(7.5, 9);
    expect(f.center[1]).toBeGreaterThan(16.25);
    expect(f.center[1]).toBeLessThan(16.4);
  });

  it('no room left: null', () => {
    expect(frameBounds([0, 0, 1, 1], { width: 100, height: 100 }, { top: 60, right: 0, bottom: 40, left: 0 })).toBeNull();
  });
});
