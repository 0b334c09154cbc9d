/**
 * The org chart's zoom, as numbers: the scale that fits the whole tree in
 * the canvas, and the steps in and out. Pure, so the limits are tested
 * without a browser.
 */

export type ZoomAction = 'fit' | 'zoom-in' | 'zoom-out';

/** Smaller than this, a card's text is no longer readable; larger, one card fills a phone. */
export const MIN_SCALE = 0.4;
export const MAX_SCALE = 2;
/** Fit never enlarges past this: a chart of three cards stays at a card's natural size, give or take. */
const MAX_FIT_SCALE = 1.25;
const STEP = 1.2;

const clamp = (scale: number, max = MAX_SCALE) => Math.min(max, Math.max(MIN_SCALE, scale));

/** The scale at which a tree of `content` size fits the `canvas` (both in CSS pixels, the tree unscaled). */
export function fitScale(content: { width: number; height: number }, canvas: { width: number; height: number }): number {
  if (content.width <= 0 || content.height <= 0 || canvas.width <= 0 || canvas.height <= 0) return 1;
  return clamp(Math.min(canvas.width / content.width, canvas.height / content.height), MAX_FIT_SCALE);
}

/** One step in or out from `scale`, on a geometric ladder so in then out comes back to where it was. */
export function stepScale(scale: number, direction: 'zoom-in' | 'zoom-out'): number {
  return clamp(direction === 'zoom-in' ? scale * STEP : scale / STEP);
}
