/**
 * What the readers remember between texts (the ad analyzer, the danger reader): texts repeat their words,
 * numbers and letters, and each other's.
 */

/**
 * A map that empties itself when full before taking one more entry: a cache that a stream of
 * never-repeating keys (a fuzzer, an attack) cannot grow without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.size >= this.max) this.clear();
    return super.set(key, value);
  }
}

/**
 * What `re` says of each code point, asked once per BMP code (a table of 64 K bytes) and every time
 * for the rare code point beyond it. A negative code (before the start or past the end of a text) is
 * no match.
 */
export function codePointTest(re: RegExp): (cp: number) => boolean {
  const bmp = new Uint8Array(0x10000); // 0: not asked yet, 1: no, 2: yes
  return (cp) => {
    if (cp < 0) return false;
    if (cp > 0xffff) return re.test(String.fromCodePoint(cp));
    let known = bmp[cp] as number;
    if (known === 0) {
      known = re.test(String.fromCharCode(cp)) ? 2 : 1;
      bmp[cp] = known;
    }
    return known === 2;
  };
}
