/**
 * The Teams app package's zip, written and read back with `fflate` (a maintained, dependency-free zip
 * library; chosen over yazl/yauzl because both sides stay synchronous over in-memory buffers, which is
 * all a three-file package needs, and the import's zip-bomb check uses its central-directory filter too).
 *
 * Entries carry a fixed timestamp, so the same inputs give the same bytes: a rebuilt package of an
 * unchanged version is identical, which makes "did anything change?" a byte comparison.
 */
import { type Zippable, deflateSync, unzipSync, zipSync } from 'fflate';

/** One file in the archive. Names use `/` and must be relative. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** A zip this reader cannot open, or a name the writer refuses; the message says which. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/**
 * 2020-01-01 00:00 as a local time: fflate writes the MS-DOS date and time from the local clock, so a
 * time without a zone gives the same fields (and bytes) in any time zone.
 */
const FIXED_MTIME = '2020-01-01T00:00:00';

function checkName(name: string): void {
  if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
    throw new ZipError(`unsafe entry name "${name}"`);
  }
}

/**
 * Writes a zip of `entries` in the order given (names are file names with an extension, never bare
 * numbers, which a JavaScript object would move first). Each entry is deflated at level 9 unless that
 * would not save space, in which case it is stored (a PNG is already compressed).
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    checkName(entry.name);
    if (Object.hasOwn(files, entry.name)) throw new ZipError(`duplicate entry "${entry.name}"`);
    const data = new Uint8Array(entry.data);
    const saves = deflateSync(data, { level: 9 }).length < data.length;
    files[entry.name] = [data, { level: saves ? 9 : 0, mtime: FIXED_MTIME }];
  }
  return Buffer.from(zipSync(files));
}

/** Reads every entry of a zip (stored or deflated), in the archive's order. */
export function readZip(file: Uint8Array): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(file);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // fflate's words for a missing end record: say what a person would look for.
    throw new ZipError(
      why === 'invalid zip data' ? 'not a zip (no end of central directory)' : `not a readable zip (${why})`,
    );
  }
  return Object.entries(files).map(([name, data]) => ({ name, data }));
}
