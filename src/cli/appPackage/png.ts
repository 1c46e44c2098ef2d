/**
 * PNG in and out for the Teams app icons, through `pngjs` (maintained, pure JavaScript, any bit depth,
 * palettes, transparency and interlacing): the encoder writes 8-bit RGBA; the decoder returns 8-bit RGBA
 * whatever the file holds (16-bit samples are scaled down), with the header so a check can say what a
 * file really is.
 */
import { PNG } from 'pngjs';

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
  interlaced: boolean;
}

/** A file that is not a PNG the decoder can read; the message says why. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

/**
 * Encodes RGBA pixels as a PNG. Filter 0 (none) on every row and deflate level 9: the icons are small,
 * and a fixed choice keeps the output byte-for-byte reproducible.
 */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) {
    throw new PngError(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png, { colorType: 6, bitDepth: 8, filterType: 0, deflateLevel: 9 });
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** pngjs's messages, in words a person checking an icon file can act on. */
function explain(message: string): string {
  if (message === 'Invalid file signature') return 'not a PNG (bad signature)';
  // pngjs's synchronous reader stops at a chunk whose CRC fails and reports the rest as unread.
  if (message.startsWith('Crc error') || message === 'unrecognised content at end of stream')
    return 'a chunk is damaged (bad CRC) or data follows the end of the image';
  if (/waitng on finished|unexpected end/i.test(message)) return 'the file is truncated';
  return message;
}

/** Decodes a PNG to 8-bit RGBA; anything pngjs refuses is a {@link PngError} naming why. */
export function decodePng(file: Uint8Array): PngInfo {
  // pngjs reports a file shorter than the signature as truncated; say first that it is not a PNG at all.
  if (!Buffer.from(file.buffer, file.byteOffset, Math.min(8, file.byteLength)).equals(SIGNATURE))
    throw new PngError('not a PNG (bad signature)');
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  } catch (e) {
    throw new PngError(explain(e instanceof Error ? e.message : String(e)));
  }
  return {
    width: png.width,
    height: png.height,
    bitDepth: png.depth,
    colorType: png.colorType,
    interlaced: png.interlace,
    rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
  };
}
