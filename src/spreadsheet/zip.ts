/**
 * A look at a zip file's central directory before anything is unpacked: an .xlsx is a zip, and a small
 * zip can unpack to gigabytes (a "zip bomb"). fflate's unzip hands each entry's name and declared sizes
 * to a filter before inflating it; a filter that answers "no" to every entry reads the directory and
 * unpacks nothing.
 */
import { unzipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * The entries of a zip from its central directory, or null when the bytes are not a readable zip
 * (no end-of-central-directory record, or a directory that runs off the end).
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (!directoryFits(bytes)) return null;
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, compressedSize: f.size, uncompressedSize: f.originalSize });
        return false; // never unpack here: the sizes are what we came for
      },
    });
  } catch {
    return null;
  }
  return entries;
}

/**
 * Whether the end record's central directory lies inside the file. fflate walks whatever offset the
 * end record names without a bounds check (reading past the end as zeros), and a directory of zeros
 * would declare nothing unpacked; so a directory that runs off the end is refused here first.
 */
function directoryFits(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is at least 22 bytes and may be followed by a comment of up to 65535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      const size = view.getUint32(i + 12, true);
      const offset = view.getUint32(i + 16, true);
      return offset + size <= i;
    }
  }
  return false;
}
