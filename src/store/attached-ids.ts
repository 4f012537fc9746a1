/**
 * Ids of attached corpora and audios. Native ids come from sequences starting at 1 and stay below
 * 2^31 (two billion audios); an attached dataset in slot s (0..127) numbers its corpora and audios
 * 2^31 + s·2^24 + k, k being the corpus's place in the dataset's sorted corpus list or the audio's
 * audio_key (0..2^24 − 1, 16.7 million audios per dataset). All fit a UINTEGER and a GraphQL ID.
 */
export const ATTACHED_ID_BASE = 2 ** 31;
/** Ids one slot spans: the largest audio_key an attached dataset may hold is SLOT_SPAN − 1. */
export const SLOT_SPAN = 2 ** 24;
/** Datasets attached at once. */
export const MAX_SLOTS = 128;

/** The id of key `key` (audio_key, or corpus index) of the dataset in `slot`. */
export function attachedId(slot: number, key: number): number {
  return ATTACHED_ID_BASE + slot * SLOT_SPAN + key;
}

/** True for an id of an attached corpus or audio. */
export function isAttachedId(id: number): boolean {
  return id >= ATTACHED_ID_BASE;
}

/** The slot and key of an attached id. */
export function splitAttachedId(id: number): { slot: number; key: number } {
  const offset = id - ATTACHED_ID_BASE;
  return { slot: Math.floor(offset / SLOT_SPAN), key: offset % SLOT_SPAN };
}
