/** FNV-1 and FNV-1a 32-bit hashes over the UTF-8 bytes of a string, as Go's hash/fnv New32 and New32a. */

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function fnv32(text: string): number {
  let hash = OFFSET_BASIS;
  for (const byte of bytesOf(text)) {
    hash = Math.imul(hash, PRIME) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash >>> 0;
}

export function fnv32a(text: string): number {
  let hash = OFFSET_BASIS;
  for (const byte of bytesOf(text)) {
    hash = (hash ^ byte) >>> 0;
    hash = Math.imul(hash, PRIME) >>> 0;
  }
  return hash >>> 0;
}
