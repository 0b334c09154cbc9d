import CRC32 from 'crc-32';

/** CRC-32 of a stored update, as an unsigned number. */
export function checksum(bytes: Uint8Array): number {
  return CRC32.buf(bytes) >>> 0;
}
