import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import {
  ACCENT,
  colorIconErrors,
  drawColorIcon,
  drawOutlineIcon,
  outlineIconErrors,
} from '../../src/cli/appPackage/icons';
import { decodePng, encodePng, PngError, type RgbaImage } from '../../src/cli/appPackage/png';
import { REPO } from './helpers';

const colorPng = readFileSync(join(REPO, 'appPackage', 'color.png'));
const outlinePng = readFileSync(join(REPO, 'appPackage', 'outline.png'));

/** A PNG chunk, written independently of the encoder under test. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
}

/** A hand-built PNG: `rows` are raw scanlines, each starting with its filter byte. */
function handMade(
  width: number,
  height: number,
  colorType: number,
  rows: number[][],
  extra: Buffer[] = [],
  { bitDepth = 8, interlace = 0 } = {},
) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  ihdr[12] = interlace;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(Buffer.from(rows.flat()))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pixel(image: RgbaImage, x: number, y: number): number[] {
  const o = (y * image.width + x) * 4;
  return [...image.rgba.subarray(o, o + 4)];
}

describe('the committed icons', () => {
  it('has a 192x192 colour icon, opaque, on the accent colour', () => {
    const color = decodePng(colorPng);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(colorIconErrors(color)).toEqual([]);
    const accent = [1, 3, 5].map((i) => Number.parseInt(ACCENT.slice(i, i + 2), 16));
    expect(pixel(color, 0, 0)).toEqual([...accent, 255]);
    for (let i = 3; i < color.rgba.length; i += 4) expect(color.rgba[i]).toBe(255);
  });

  it('has a 32x32 outline icon whose every pixel is white or fully transparent, on a transparent background', () => {
    const outline = decodePng(outlinePng);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outlineIconErrors(outline)).toEqual([]);
    let visible = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = pixel(outline, i % 32, Math.floor(i / 32));
      if (a === 0) continue;
      visible++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(100);
    expect(pixel(outline, 0, 0)[3]).toBe(0);
    expect(pixel(outline, 31, 31)[3]).toBe(0);
  });

  it('shows exactly what the generator draws (regenerate with npx tsx src/cli/appIcons.ts)', () => {
    expect(Buffer.from(decodePng(colorPng).rgba).equals(Buffer.from(drawColorIcon().rgba))).toBe(true);
    expect(Buffer.from(decodePng(outlinePng).rgba).equals(Buffer.from(drawOutlineIcon().rgba))).toBe(true);
  });
});

describe('the icon checks', () => {
  const solid = (size: number, rgba: number[]): RgbaImage => ({
    width: size,
    height: size,
    rgba: new Uint8Array(size * size * 4).map((_, i) => rgba[i % 4]!),
  });

  it('reject an outline icon with a coloured or grey pixel, naming where the first one is', () => {
    const image = drawOutlineIcon();
    image.rgba.set([200, 200, 200, 255], (5 * 32 + 16) * 4);
    expect(outlineIconErrors(image)).toEqual([
      '1 pixels are neither white nor transparent (first at x=16, y=5)',
    ]);
  });

  it('reject an outline icon with a filled background, and a blank one', () => {
    expect(outlineIconErrors(solid(32, [255, 255, 255, 255]))).toEqual([
      'has an opaque corner: the background must be transparent',
    ]);
    expect(outlineIconErrors(solid(32, [255, 255, 255, 0]))).toEqual(['is blank']);
  });

  it('reject icons of the wrong size and a colour icon with no colour', () => {
    expect(outlineIconErrors({ ...drawColorIcon() })).toContain('must be 32x32, is 192x192');
    expect(colorIconErrors(solid(96, [27, 94, 122, 255]))).toEqual(['must be 192x192, is 96x96']);
    expect(colorIconErrors(solid(192, [255, 255, 255, 255]))).toEqual([
      'has no coloured pixels (an outline icon in the colour slot?)',
    ]);
  });
});

describe('the PNG decoder', () => {
  it('reads back what the encoder wrote', () => {
    const image = drawOutlineIcon();
    const decoded = decodePng(encodePng(image));
    expect([decoded.width, decoded.height, decoded.bitDepth, decoded.colorType]).toEqual([32, 32, 8, 6]);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(image.rgba))).toBe(true);
  });

  it('undoes the Sub, Up, Average and Paeth row filters', () => {
    // 2x5 greyscale, one row per filter; the comments work out each decoded pixel by hand.
    const png = handMade(2, 5, 0, [
      [0, 10, 30], // None: 10, 30
      [1, 10, 20], // Sub: 10, 20 + 10 = 30
      [2, 0, 0], // Up: 0 + 10, 0 + 30
      [3, 5, 15], // Average: 5 + (0 + 10) / 2 = 10, 15 + (10 + 30) / 2 = 35
      [4, 0, 0], // Paeth: the predictor picks the pixel above both times: 10, 35
    ]);
    const image = decodePng(png);
    const grey = (y: number) => [pixel(image, 0, y)[0], pixel(image, 1, y)[0]];
    expect([grey(0), grey(1), grey(2), grey(3), grey(4)]).toEqual([
      [10, 30],
      [10, 30],
      [10, 30],
      [10, 35],
      [10, 35],
    ]);
  });

  it('reads palette images with transparency, and RGB with a transparent colour key', () => {
    const palette = chunk('PLTE', Buffer.from([255, 255, 255, 0, 0, 0]));
    const trns = chunk('tRNS', Buffer.from([0, 255]));
    const indexed = decodePng(handMade(2, 1, 3, [[0, 0, 1]], [palette, trns]));
    expect([pixel(indexed, 0, 0), pixel(indexed, 1, 0)]).toEqual([
      [255, 255, 255, 0],
      [0, 0, 0, 255],
    ]);
    const key = chunk('tRNS', Buffer.from([0, 1, 0, 2, 0, 3]));
    const rgb = decodePng(handMade(2, 1, 2, [[0, 1, 2, 3, 9, 9, 9]], [key]));
    // The keyed colour reads as fully transparent (pngjs also clears its colour channels).
    expect([pixel(rgb, 0, 0), pixel(rgb, 1, 0)]).toEqual([
      [0, 0, 0, 0],
      [9, 9, 9, 255],
    ]);
  });

  it('refuses a file that is not a PNG, a damaged chunk and a truncated file', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(new PngError('not a PNG (bad signature)'));
    const damaged = Buffer.from(outlinePng);
    damaged[20] = (damaged[20] ?? 0) ^ 0xff; // inside IHDR
    expect(() => decodePng(damaged)).toThrow(
      new PngError('a chunk is damaged (bad CRC) or data follows the end of the image'),
    );
    expect(() => decodePng(outlinePng.subarray(0, outlinePng.length - 12))).toThrow(
      new PngError('the file is truncated'),
    );
  });

  it('reads 16-bit images (scaled to 8 bits) and interlaced ones, which pngjs supports', () => {
    // One grey pixel of 0x1234 in 16 bits: 0x1234 / 65535 * 255 = 18.1, so 18.
    const sixteen = decodePng(handMade(1, 1, 0, [[0, 0x12, 0x34]], [], { bitDepth: 16 }));
    expect([sixteen.bitDepth, pixel(sixteen, 0, 0)]).toEqual([16, [18, 18, 18, 255]]);
    // A 1x1 Adam7 image has its one pixel in the first pass, a scanline like any other.
    const interlaced = decodePng(handMade(1, 1, 0, [[0, 77]], [], { interlace: 1 }));
    expect([interlaced.interlaced, pixel(interlaced, 0, 0)]).toEqual([true, [77, 77, 77, 255]]);
  });
});
