/**
 * A small PNG encoder and decoder over `node:zlib`, enough for the Teams app icons: the encoder writes
 * 8-bit RGBA; the decoder reads any non-interlaced 8-bit greyscale, grey+alpha, RGB, RGBA or palette
 * image (with `tRNS`) and returns RGBA, undoing all five row filters. It lets the packager and the tests
 * check icon sizes and transparency without an image library.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32';

/** An image as 8-bit RGBA, row by row, 4 bytes a pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  /** `width * height * 4` bytes: R, G, B, A. */
  rgba: Uint8Array;
}

/** The decoded header, reported so a test or an error message can say what a file really is. */
export interface PngInfo extends RgbaImage {
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
}

/** A file that is not a PNG this decoder understands; the message says why. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Channels per pixel for each colour type. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes RGBA pixels as a PNG. Every row uses filter 0 (none) and deflate level 9: the icons are small,
 * and a fixed choice keeps the output byte-for-byte reproducible.
 */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) {
    throw new PngError(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), row + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // not interlaced
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Reverses the per-row filters in place over `data` (filter byte + `stride` bytes a row). */
function unfilter(data: Buffer, height: number, stride: number, bpp: number): Buffer {
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const prev = dst - stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x] ?? 0;
      const left = x >= bpp ? (out[dst + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[prev + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bpp ? (out[prev + x - bpp] ?? 0) : 0;
      let value: number;
      switch (filter) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4:
          value = raw + paeth(left, up, upLeft);
          break;
        default:
          throw new PngError(`row ${y} has an unknown filter type ${String(filter)}`);
      }
      out[dst + x] = value & 0xff;
    }
  }
  return out;
}

/**
 * Decodes a PNG to RGBA. Checks the signature and every chunk's CRC; reads IHDR, PLTE, tRNS and the
 * concatenated IDAT stream; refuses what it does not support (16-bit, sub-byte depths, interlacing)
 * with a {@link PngError} naming it rather than guessing.
 */
export function decodePng(file: Uint8Array): PngInfo {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE))
    throw new PngError('not a PNG (bad signature)');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= buf.length && !ended) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > buf.length) throw new PngError(`chunk ${type} runs past the end of the file`);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) {
      throw new PngError(`chunk ${type} has a bad CRC`);
    }
    switch (type) {
      case 'IHDR': {
        if (length !== 13) throw new PngError('IHDR must be 13 bytes');
        if (data[10] !== 0 || data[11] !== 0) throw new PngError('unknown compression or filter method');
        if (data[12] !== 0) throw new PngError('interlaced PNGs are not supported');
        header = {
          width: data.readUInt32BE(0),
          height: data.readUInt32BE(4),
          bitDepth: data[8] ?? 0,
          colorType: data[9] ?? 0,
        };
        break;
      }
      case 'PLTE':
        palette = data;
        break;
      case 'tRNS':
        transparency = data;
        break;
      case 'IDAT':
        idat.push(data);
        break;
      case 'IEND':
        ended = true;
        break;
      default:
        break; // ancillary chunks (text, gamma, ...) do not change the pixels we check
    }
    offset = end;
  }
  if (!header) throw new PngError('no IHDR chunk');
  if (!ended) throw new PngError('no IEND chunk (truncated file?)');
  if (idat.length === 0) throw new PngError('no IDAT chunk');
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new PngError(`unknown colour type ${colorType}`);
  if (bitDepth !== 8) throw new PngError(`bit depth ${bitDepth} is not supported (8 only)`);
  if (colorType === 3 && !palette) throw new PngError('palette image without a PLTE chunk');
  if (width === 0 || height === 0) throw new PngError('empty image');

  const stride = width * channels;
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(idat));
  } catch {
    throw new PngError('IDAT does not inflate');
  }
  if (inflated.length < (stride + 1) * height) throw new PngError('IDAT holds fewer rows than IHDR says');
  const pixels = unfilter(inflated, height, stride, channels);

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    const o = i * 4;
    const at = (k: number): number => pixels[p + k] ?? 0;
    switch (colorType) {
      case 0: {
        const g = at(0);
        const keyed = transparency && transparency.length >= 2 && transparency.readUInt16BE(0) === g;
        rgba.set([g, g, g, keyed ? 0 : 255], o);
        break;
      }
      case 2: {
        const keyed =
          transparency &&
          transparency.length >= 6 &&
          transparency.readUInt16BE(0) === at(0) &&
          transparency.readUInt16BE(2) === at(1) &&
          transparency.readUInt16BE(4) === at(2);
        rgba.set([at(0), at(1), at(2), keyed ? 0 : 255], o);
        break;
      }
      case 3: {
        const index = at(0);
        const pal = palette as Buffer;
        if (index * 3 + 2 >= pal.length) throw new PngError(`palette index ${index} is out of range`);
        rgba.set([pal[index * 3] ?? 0, pal[index * 3 + 1] ?? 0, pal[index * 3 + 2] ?? 0], o);
        rgba[o + 3] = transparency && index < transparency.length ? (transparency[index] ?? 255) : 255;
        break;
      }
      case 4:
        rgba.set([at(0), at(0), at(0), at(1)], o);
        break;
      default:
        rgba.set([at(0), at(1), at(2), at(3)], o);
    }
  }
  return { width, height, bitDepth, colorType, rgba };
}
