/**
 * CRC-32 (IEEE 802.3, the polynomial PNG chunks and zip entries both use). Written here rather than taken
 * from `zlib.crc32`, which only exists from Node 20.15 / 22.2: packaging must work on any Node the project
 * supports, offline, with no extra dependency.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `data` (optionally continuing from a previous `crc`), as an unsigned 32-bit number. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
