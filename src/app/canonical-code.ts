/**
 * Corse's codes are written `2A`/`2B`; people type `2a`/`2b` too. The lowercase form is read as the
 * uppercase one (same object, same ETag) rather than refused.
 */
export function canonicalCode(segment: string): string {
  return /^2[ab](?![0-9a-z])/.test(segment) ? `2${segment[1]!.toUpperCase()}${segment.slice(2)}` : segment;
}
