/**
 * Zoom and pan of the graph view as plain numbers: the one transform of the SVG's viewport
 * group. Changing it never lays the graph out again. Pure, unit-tested in node.
 */

/** Screen = graph * `scale` + (`x`, `y`). */
export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;
/** One keyboard or button zoom step. */
export const ZOOM_STEP = 1.25;

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The whole graph centred in the view, never enlarged past 1:1 (a small graph stays readable, not blown up). */
export function fitTransform(graphWidth: number, graphHeight: number, viewWidth: number, viewHeight: number): ViewTransform {
  if (graphWidth <= 0 || graphHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) return { x: 0, y: 0, scale: 1 };
  const scale = clampScale(Math.min(1, viewWidth / graphWidth, viewHeight / graphHeight));
  return { x: (viewWidth - graphWidth * scale) / 2, y: Math.max(0, (viewHeight - graphHeight * scale) / 2), scale };
}

/** Zooms by `factor` keeping the graph point under (`atX`, `atY`) (screen) where it is. */
export function zoomAt(transform: ViewTransform, factor: number, atX: number, atY: number): ViewTransform {
  const scale = clampScale(transform.scale * factor);
  const applied = scale / transform.scale;
  return { x: atX - (atX - transform.x) * applied, y: atY - (atY - transform.y) * applied, scale };
}

export const panBy = (transform: ViewTransform, dx: number, dy: number): ViewTransform => ({ ...transform, x: transform.x + dx, y: transform.y + dy });

/** The transform that puts a graph point at the centre of the view, at the current scale. */
export const centreOn = (transform: ViewTransform, graphX: number, graphY: number, viewWidth: number, viewHeight: number): ViewTransform => ({
  ...transform,
  x: viewWidth / 2 - graphX * transform.scale,
  y: viewHeight / 2 - graphY * transform.scale,
});

/** The SVG `transform` attribute. */
export const transformText = (transform: ViewTransform): string => `translate(${transform.x.toFixed(1)} ${transform.y.toFixed(1)}) scale(${transform.scale.toFixed(4)})`;

/** Wheel delta (pixels) to a zoom factor: a notch of about 100 px is one 10 % step. */
export const wheelFactor = (deltaY: number): number => Math.pow(1.1, -Math.max(-5, Math.min(5, deltaY / 100)));
