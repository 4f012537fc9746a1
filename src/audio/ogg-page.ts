/** Ogg page headers (RFC 3533): enough to find the codec, the last page and its granule position. */

/** One parsed page header. */
export interface OggPage {
  /** Header flags: 0x01 continued packet, 0x02 first page (BOS), 0x04 last page (EOS). */
  readonly flags: number;
  /** Granule position (codec-defined: samples for Vorbis, 48 kHz samples for Opus); −1 when none ends here. */
  readonly granule: number;
  /** Offset of the page body relative to the page start (27 + segment count). */
  readonly bodyOffset: number;
  /** Whole page length in bytes (header, segment table and body). */
  readonly pageBytes: number;
}

/** The last-page flag. */
export const OGG_EOS = 0x04;

/** Parses the page header at `at`, or returns undefined when there is none or it is cut short. */
export function parseOggPage(bytes: Uint8Array, at: number): OggPage | undefined {
  if (at + 27 > bytes.length || String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'OggS') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at);
  const segments = bytes[at + 26]!;
  if (at + 27 + segments > bytes.length) return undefined;
  let bodyBytes = 0;
  for (let i = 0; i < segments; i++) bodyBytes += bytes[at + 27 + i]!;
  return {
    flags: bytes[at + 5]!,
    granule: Number(view.getBigInt64(6, true)),
    bodyOffset: 27 + segments,
    pageBytes: 27 + segments + bodyBytes,
  };
}

/** The page that ends exactly at the end of `tail` (the file's last bytes), or undefined when cut short. */
export function findLastOggPage(tail: Uint8Array): OggPage | undefined {
  for (let at = tail.length - 27; at >= 0; at--) {
    // Scan backwards: a candidate must start with the capture pattern and end exactly at the file's end.
    if (tail[at] !== 0x4f || tail[at + 1] !== 0x67) continue;
    const page = parseOggPage(tail, at);
    if (page !== undefined && at + page.pageBytes === tail.length) return page;
  }
  return undefined;
}

/** Largest possible Ogg page: a 27-byte header, 255 lacing values and 255 × 255 body bytes. */
export const MAX_OGG_PAGE_BYTES = 27 + 255 + 255 * 255;
