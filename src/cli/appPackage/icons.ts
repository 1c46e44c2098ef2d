/**
 * The app's two icons, drawn in code so they can be regenerated and checked: a reader (a head above an
 * open book) in white, on the accent colour for the 192x192 colour icon and on transparency for the
 * 32x32 outline icon. Shapes are sampled 4x4 per pixel, so edges are smooth and the output is exact and
 * repeatable. Also the checks the packager runs on whatever icons the manifest names.
 */
import type { RgbaImage } from './png';

/** Teams' sizes: colour 192x192, outline 32x32. */
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;
/** The manifest's `accentColor`, also the colour icon's background. */
export const ACCENT = '#1B5E7A';

type Point = readonly [number, number];

/** The motif in unit coordinates (0..1 across the icon). */
const HEAD = { cx: 0.5, cy: 0.3, r: 0.095 };
const LEFT_PAGE: readonly Point[] = [
  [0.2, 0.49],
  [0.485, 0.56],
  [0.485, 0.81],
  [0.2, 0.74],
];
const RIGHT_PAGE: readonly Point[] = LEFT_PAGE.map(([x, y]) => [1 - x, y] as const).reverse();

function insidePolygon(x: number, y: number, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as Point;
    const [xj, yj] = poly[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideMotif(x: number, y: number): boolean {
  const dx = x - HEAD.cx;
  const dy = y - HEAD.cy;
  return (
    dx * dx + dy * dy <= HEAD.r * HEAD.r || insidePolygon(x, y, LEFT_PAGE) || insidePolygon(x, y, RIGHT_PAGE)
  );
}

/** Fraction (0..1) of pixel (px, py) of a `size`-wide icon covered by the motif, from 16 samples. */
function coverage(px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      if (insideMotif((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
    }
  }
  return hits / 16;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** The 192x192 colour icon: the white motif on an opaque accent-coloured square. */
export function drawColorIcon(): RgbaImage {
  const [r, g, b] = hexToRgb(ACCENT);
  const rgba = new Uint8Array(COLOR_SIZE * COLOR_SIZE * 4);
  for (let y = 0; y < COLOR_SIZE; y++) {
    for (let x = 0; x < COLOR_SIZE; x++) {
      const c = coverage(x, y, COLOR_SIZE);
      const o = (y * COLOR_SIZE + x) * 4;
      rgba[o] = Math.round(r + (255 - r) * c);
      rgba[o + 1] = Math.round(g + (255 - g) * c);
      rgba[o + 2] = Math.round(b + (255 - b) * c);
      rgba[o + 3] = 255;
    }
  }
  return { width: COLOR_SIZE, height: COLOR_SIZE, rgba };
}

/**
 * The 32x32 outline icon: white, with the motif's coverage as alpha. Even fully transparent pixels are
 * white, so scaling never blends in a dark fringe, and every pixel is "white or transparent" as Teams
 * requires.
 */
export function drawOutlineIcon(): RgbaImage {
  const rgba = new Uint8Array(OUTLINE_SIZE * OUTLINE_SIZE * 4);
  for (let y = 0; y < OUTLINE_SIZE; y++) {
    for (let x = 0; x < OUTLINE_SIZE; x++) {
      const o = (y * OUTLINE_SIZE + x) * 4;
      rgba.set([255, 255, 255, Math.round(255 * coverage(x, y, OUTLINE_SIZE))], o);
    }
  }
  return { width: OUTLINE_SIZE, height: OUTLINE_SIZE, rgba };
}

/** Problems with a colour icon: its size, and whether it has any colour at all. */
export function colorIconErrors(image: RgbaImage): string[] {
  const errors: string[] = [];
  if (image.width !== COLOR_SIZE || image.height !== COLOR_SIZE) {
    errors.push(`must be ${COLOR_SIZE}x${COLOR_SIZE}, is ${image.width}x${image.height}`);
  }
  let coloured = false;
  for (let o = 0; o < image.rgba.length && !coloured; o += 4) {
    const [r, g, b, a] = [image.rgba[o], image.rgba[o + 1], image.rgba[o + 2], image.rgba[o + 3]];
    coloured = (a ?? 0) > 0 && !(r === 255 && g === 255 && b === 255);
  }
  if (!coloured) errors.push('has no coloured pixels (an outline icon in the colour slot?)');
  return errors;
}

/**
 * Problems with an outline icon: its size; any pixel that is neither white nor fully transparent; a
 * blank icon; and an opaque corner (a filled background instead of a transparent one).
 */
export function outlineIconErrors(image: RgbaImage): string[] {
  const errors: string[] = [];
  if (image.width !== OUTLINE_SIZE || image.height !== OUTLINE_SIZE) {
    errors.push(`must be ${OUTLINE_SIZE}x${OUTLINE_SIZE}, is ${image.width}x${image.height}`);
  }
  let offending = 0;
  let first = '';
  let visible = 0;
  for (let i = 0; i < image.width * image.height; i++) {
    const o = i * 4;
    const a = image.rgba[o + 3] ?? 0;
    if (a === 0) continue;
    visible++;
    if (image.rgba[o] !== 255 || image.rgba[o + 1] !== 255 || image.rgba[o + 2] !== 255) {
      if (offending++ === 0) first = ` (first at x=${i % image.width}, y=${Math.floor(i / image.width)})`;
    }
  }
  if (offending > 0) errors.push(`${offending} pixels are neither white nor transparent${first}`);
  if (visible === 0) errors.push('is blank');
  if ((image.rgba[3] ?? 0) !== 0) errors.push('has an opaque corner: the background must be transparent');
  return errors;
}
