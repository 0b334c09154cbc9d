import { describe, expect, it } from 'vitest';
import { MAX_SCALE, MIN_SCALE, fitScale, stepScale } from '../../../src/renderer/features/org-chart/zoom';
import { actionForKey, outcomeFor } from '../../../src/renderer/features/org-chart/keys';
import { response } from './org-fixture';

describe('the org chart’s zoom', () => {
  it('fits a wide tree by its width and a tall one by its height', () => {
    expect(fitScale({ width: 2000, height: 400 }, { width: 1000, height: 800 })).toBe(0.5);
    expect(fitScale({ width: 500, height: 1600 }, { width: 1000, height: 800 })).toBe(0.5);
  });

  it('never fits below a readable size, nor blows a small chart up', () => {
    expect(fitScale({ width: 10_000, height: 400 }, { width: 1000, height: 800 })).toBe(MIN_SCALE);
    expect(fitScale({ width: 200, height: 60 }, { width: 1000, height: 800 })).toBe(1.25);
    expect(fitScale({ width: 0, height: 0 }, { width: 1000, height: 800 })).toBe(1);
  });

  it('steps in and out on a ladder that comes back where it started, within the limits', () => {
    expect(stepScale(stepScale(1, 'zoom-in'), 'zoom-out')).toBeCloseTo(1);
    expect(stepScale(MAX_SCALE, 'zoom-in')).toBe(MAX_SCALE);
    expect(stepScale(MIN_SCALE, 'zoom-out')).toBe(MIN_SCALE);
  });

  it('z, + (or =) and - zoom, even on a chart nobody may change', () => {
    expect(['z', '+', '=', '-'].map(actionForKey)).toEqual(['fit', 'zoom-in', 'zoom-in', 'zoom-out']);
    const { org } = response();
    expect(outcomeFor('fit', org(), null)).toEqual({ zoom: 'fit' });
  });
});
