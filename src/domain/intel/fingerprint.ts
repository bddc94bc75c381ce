import { extractContactSpans } from '../ads/contacts.js';
import { normalize } from '../ads/normalize.js';

/*
 * Recognising an ad reposted with small changes: MinHash over words and word pairs, not SimHash.
 *
 * Both were measured on the labelled corpus (test/fixtures/ads: 160 ads, 12,720 pairs of different ads)
 * and on reposts of its ads written the way reposts are (test/fixtures/intel/reposts.yaml: other
 * contacts, pay, emoji, capitals, a line added, cut, moved or reworded). Job ads are short (a median of
 * 66 features, some under 15), and on short texts a 64-bit SimHash is noisy: reposts landed 0–10 bits
 * from their original, yet two unrelated ads came within 14 bits, a margin of four; and finding ads 10
 * bits away is beyond SimHash's banded index (4 bands of 16 bits find those up to 3 bits away for sure,
 * more bands of fewer bits match unrelated ads by the thousand, since each bit agrees half the time).
 * MinHash estimates the share of features two ads have in common: reposts that change contacts, pay,
 * emoji or a line share 0.78 or more, two reworded throughout 0.52 and 0.73, different ads 0.34 at most
 * (two ads that both want "a girl for office work"). "The same ad" from 0.5 leans towards "not seen":
 * saying an ad was seen before when it was not misleads more than missing a repost rewritten from top
 * to bottom (the fixture's lands at 0.47). Its index
 * needs no compromise either: a band of 4 values agrees by chance with probability (share)^4, so 16
 * bands found every repost and not one pair of different ads.
 *
 * 64 values of 16 bits (256 hex digits) per ad: a value agrees by accident once in 65,536.
 */

/** MinHash values per ad. */
export const MINHASHES = 64;
/** Values per band of the index: an ad is a candidate when all of one band's values agree. */
export const BAND_ROWS = 4;
export const BANDS = MINHASHES / BAND_ROWS;
/** The share of equal values (the estimated share of common features) from which two ads are one. */
export const SAME_AD = 0.5;
/** An ad of fewer different words is too short to tell a repost from a coincidence ("Cyprus. Dancer needed."). */
export const MIN_WORDS = 4;
/** Hex digits per value. */
const DIGITS = 4;

/** Letters only: numbers (pay, ages, dates, seats left) are what a repost changes first. */
const WORD = /\p{L}{2,}/gu;
/** Characters of a word kept: a crude stem that lets "девушка", "девушки", "девушек" be one word. */
const STEM = 5;

/**
 * The words an ad is compared by: its normalised text (lower case, disguises undone, emoji gone) without
 * its contacts (a repost usually changes the number) or numbers, each word cut to a stem; then every
 * word, twice, and every pair of neighbouring words. Words keep a reworded ad close (counted twice, they
 * weigh as much as the pairs a reworded sentence breaks); pairs keep apart two ads that share vocabulary
 * but say different things.
 */
export function fingerprintFeatures(text: string): Set<string> {
  let blanked = text;
  for (const { span } of extractContactSpans(text)) {
    blanked = blanked.slice(0, span[0]) + ' '.repeat(span[1] - span[0]) + blanked.slice(span[1]);
  }
  const stems = (normalize(blanked).text.match(WORD) ?? []).map((w) => [...w].slice(0, STEM).join(''));
  const features = new Set<string>();
  for (const s of stems) features.add(s).add(`${s}#`);
  for (let i = 1; i < stems.length; i++) features.add(`${stems[i - 1]} ${stems[i]}`);
  return features;
}

/** Murmur3's finaliser: every input bit moves every output bit. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 units, then mixed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

/** One seed per value: hash i of a feature is mix(hash ^ seed i), a cheap family of independent hashes. */
const SEEDS = Array.from({ length: MINHASHES }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

/**
 * The fingerprint of an ad's text: 64 MinHash values in hex, or undefined when the ad is too short to
 * be recognised again. Pure, and the same for the same words whatever the contacts, numbers, emoji,
 * capitals and spacing around them.
 */
export function adFingerprint(text: string): string | undefined {
  const features = fingerprintFeatures(text);
  let words = 0;
  for (const f of features) if (f.endsWith('#')) words++;
  if (words < MIN_WORDS) return undefined;
  const min = new Uint32Array(MINHASHES).fill(0xffffffff);
  for (const f of features) {
    const base = hash32(f);
    for (let i = 0; i < MINHASHES; i++) {
      const v = mix(base ^ (SEEDS[i] as number));
      if (v < (min[i] as number)) min[i] = v;
    }
  }
  let out = '';
  for (const v of min) out += (v >>> 16).toString(16).padStart(DIGITS, '0');
  return out;
}

const FINGERPRINT = new RegExp(`^[0-9a-f]{${MINHASHES * DIGITS}}$`);
export function isFingerprint(s: unknown): s is string {
  return typeof s === 'string' && FINGERPRINT.test(s);
}

/** The estimated share of features two ads have in common: the share of equal values. */
export function similarity(a: string, b: string): number {
  let equal = 0;
  for (let i = 0; i < MINHASHES * DIGITS; i += DIGITS) {
    let same = true;
    for (let d = i; d < i + DIGITS; d++) {
      if (a.charCodeAt(d) !== b.charCodeAt(d)) {
        same = false;
        break;
      }
    }
    if (same) equal++;
  }
  return equal / MINHASHES;
}

/** Whether two fingerprints are one ad, reposted with small changes or not at all. */
export function sameAd(a: string, b: string): boolean {
  return similarity(a, b) >= SAME_AD;
}

/** The fingerprint cut into the bands of the index. */
export function fingerprintBands(fingerprint: string): string[] {
  const width = BAND_ROWS * DIGITS;
  return Array.from({ length: BANDS }, (_, i) => fingerprint.slice(i * width, (i + 1) * width));
}
