import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { Metadata } from 'sharp';
import { tidyText } from './ocr-text.js';

/**
 * Reading the text in a picture of an ad: Debian's tesseract with Kazakh, Russian and English data,
 * fed the picture through a pipe (never a file), at most one per core, with a short queue and a time
 * limit. Neither the picture nor its text is kept or logged: the caller gets the text and nothing else
 * remains (docs/ocr.md).
 */

/** The largest picture read, in bytes and in pixels: beyond, a picture is refused (issue 18). */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;
export const MAX_PICTURE_PIXELS = 40_000_000;
/**
 * The languages read at once: one pass, so a mixed Kazakh and Russian ad loses neither. English first:
 * tesseract tries a word in the first language before the others, and the Kazakh model has no "$" (it
 * read "3000$" as "3000%") and read Latin words in Cyrillic look-alikes ("in" as "іп"); measured on 600
 * development pictures, English first kept more flags in every language, Kazakh's error rate the same.
 */
export const OCR_LANGS = 'eng+rus+kaz';
/** A picture narrower than this is scaled up before reading: tesseract wants letters about 30 px high. */
const UPSCALE_BELOW = 1000;
/** A picture is scaled down to this width at most: more pixels cost time and read no better. */
const MAX_WIDTH = 2000;

export type Refusal = 'not_image' | 'too_large';

/** What reading a picture gave: its text, no text, a refusal, a full queue, or a failure (time limit). */
export type PictureReading =
  | { kind: 'text'; text: string }
  | { kind: 'empty' }
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'busy' }
  | { kind: 'failed' };

export interface OcrOptions {
  /** Pictures read at once: one per core by default. */
  concurrency?: number;
  /** Pictures waiting beyond those being read; one more gets `busy`. */
  queue?: number;
  /** The time limit for one picture, waiting in the queue not counted. */
  timeoutMs?: number;
  /** Greyscale, scaling and contrast before reading (on by default: docs/ocr.md measures both). */
  preprocess?: boolean;
  binary?: string;
  langs?: string;
}

/** Whether tesseract can be run here (tests that need it are skipped, with a reason, when not). */
export function tesseractAvailable(binary = 'tesseract'): boolean {
  const r = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * sharp (libvips), loaded the first time a picture is looked at rather than at start-up: most processes
 * (the analyzer on text, a chat, a server between pictures) never need it.
 */
let sharpLoading: Promise<typeof import('sharp').default> | undefined;
export function loadSharp(): Promise<typeof import('sharp').default> {
  sharpLoading ??= import('sharp').then((m) => m.default);
  return sharpLoading;
}

/** The picture's format and size, or why it is refused: checked before any work is done on it. */
export async function inspectPicture(
  bytes: Uint8Array,
): Promise<{ ok: true; width: number; height: number } | { ok: false; reason: Refusal }> {
  if (bytes.byteLength > MAX_PICTURE_BYTES) return { ok: false, reason: 'too_large' };
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // The header only: a huge picture is refused before it is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'not_image' };
  }
  if (!meta.format || !['jpeg', 'png', 'webp'].includes(meta.format) || !meta.width || !meta.height)
    return { ok: false, reason: 'not_image' };
  if (meta.width * meta.height > MAX_PICTURE_PIXELS) return { ok: false, reason: 'too_large' };
  return { ok: true, width: meta.width, height: meta.height };
}

/**
 * The picture as tesseract reads it best: grey (a transparent ground taken as white), letters scaled to
 * a readable size, contrast stretched, and dark letters on a light ground, as an uncompressed PGM (no
 * time spent compressing what is read at once from memory).
 */
export async function preparePicture(bytes: Uint8Array, width: number, preprocess = true): Promise<Buffer> {
  const sharp = await loadSharp();
  let image = sharp(bytes, { limitInputPixels: MAX_PICTURE_PIXELS })
    .rotate()
    .flatten({ background: '#ffffff' });
  if (preprocess) {
    const target = width < UPSCALE_BELOW ? Math.min(width * 2, MAX_WIDTH) : Math.min(width, MAX_WIDTH);
    if (target !== width) image = image.resize({ width: target, kernel: 'lanczos3' });
  }
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  if (preprocess) levels(data);
  const header = Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii');
  return Buffer.concat([header, data]);
}

/** Otsu's level: the grey that best splits a histogram's pixels into two classes (dark and light). */
export function otsuLevel(histogram: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i] as number;
    sum += i * (histogram[i] as number);
  }
  let below = 0;
  let sumBelow = 0;
  let best = -1;
  let level = 127;
  for (let i = 0; i < 255; i++) {
    below += histogram[i] as number;
    sumBelow += i * (histogram[i] as number);
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const spread = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2;
    if (spread > best) {
      best = spread;
      level = i;
    }
  }
  return level;
}

/**
 * In place, on grey pixels: contrast stretched between the darkest and the lightest pixel, and turned
 * over when the letters are light (white on a coloured post, a dark-mode screen), as tesseract reads dark
 * letters on a light ground best. Of the two classes Otsu's level splits the pixels into, the letters are
 * the smaller. Not the usual 1–99% stretch: on a sparse ad those percentiles both fall in the background,
 * and a JPEG's near-white noise turned into specks that left tesseract reading nothing at all.
 */
export function levels(grey: Uint8Array): { inverted: boolean } {
  const histogram = new Uint32Array(256);
  for (const v of grey) histogram[v] = (histogram[v] as number) + 1;
  let min = 0;
  while (min < 255 && histogram[min] === 0) min++;
  let max = 255;
  while (max > min && histogram[max] === 0) max--;
  const level = otsuLevel(histogram);
  let light = 0;
  for (let i = level + 1; i < 256; i++) light += histogram[i] as number;
  const inverted = light < grey.length - light;
  const span = Math.max(1, max - min);
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    const v = Math.round((Math.min(Math.max(i - min, 0), span) * 255) / span);
    table[i] = inverted ? 255 - v : v;
  }
  for (let i = 0; i < grey.length; i++) grey[i] = table[grey[i] as number] as number;
  return { inverted };
}

/** Runs tesseract on one picture through its standard input and output; rejects past the time limit. */
export function runTesseract(
  image: Buffer,
  options: { binary: string; langs: string; timeoutMs: number; extra?: readonly string[] },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ['stdin', 'stdout', '-l', options.langs, '--psm', '3', ...(options.extra ?? [])];
    // One thread per reading: the pool, not tesseract's OpenMP, decides how many cores are busy.
    const child = spawn(options.binary, args, {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', reject);
    child.stdin.on('error', () => undefined);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(signal ? `tesseract stopped by ${signal}` : `tesseract exited with ${code}`));
    });
    child.stdin.end(image);
  });
}

/** Fewer letters or digits than this in a reading is no text: specks and borders read as "|" or "—". */
const MIN_SIGNS = 6;
const signsIn = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
/** Tesseract's Sauvola thresholding: each pixel against its neighbourhood, not one level for the page. */
const SAUVOLA = ['-c', 'thresholding_method=2'];

/**
 * Reads pictures, at most `concurrency` at once, `queue` more waiting: a person whose picture waits
 * waits alone (their chat's updates are in order), and everyone else's messages go on.
 */
export class PictureReader {
  private readonly concurrency: number;
  private readonly queueMax: number;
  private readonly timeoutMs: number;
  private readonly preprocess: boolean;
  private readonly binary: string;
  private readonly langs: string;
  private running = 0;
  private tesseractRuns = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: OcrOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.queueMax = options.queue ?? this.concurrency * 2;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.preprocess = options.preprocess ?? true;
    this.binary = options.binary ?? 'tesseract';
    this.langs = options.langs ?? OCR_LANGS;
  }

  /** Pictures being read and waiting now (for the metrics and the tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** How many times tesseract was run, in all (the bench's runs per picture). */
  get runs(): number {
    return this.tesseractRuns;
  }

  /** One tesseract run on a prepared picture, within what is left of the picture's time limit. */
  private async tesseract(image: Buffer, deadline: number, extra: readonly string[] = []): Promise<string> {
    const timeoutMs = Math.round(deadline - performance.now());
    if (timeoutMs <= 0) throw new Error('no time left to read the picture');
    this.tesseractRuns++;
    return tidyText(await runTesseract(image, { binary: this.binary, langs: this.langs, timeoutMs, extra }));
  }

  async read(bytes: Uint8Array): Promise<PictureReading> {
    // sharp is loaded on the first picture: if it cannot be (libvips missing), the picture fails and is
    // answered as one that could not be read, as any other failure here.
    const inspected = await inspectPicture(bytes).catch(() => undefined);
    if (!inspected) return { kind: 'failed' };
    if (!inspected.ok) return { kind: 'refused', reason: inspected.reason };
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueMax) return { kind: 'busy' };
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      const deadline = performance.now() + this.timeoutMs;
      const image = await preparePicture(bytes, inspected.width, this.preprocess);
      let text = await this.tesseract(image, deadline);
      if (this.preprocess && signsIn(text) < MIN_SIGNS)
        // Nothing read: tesseract's one threshold for the whole picture may have made a shadow or a
        // gradient across a photographed page one black field. Once more, thresholded by neighbourhood.
        text = await this.tesseract(image, deadline, SAUVOLA);
      return signsIn(text) < MIN_SIGNS ? { kind: 'empty' } : { kind: 'text', text };
    } catch {
      return { kind: 'failed' };
    } finally {
      // The slot goes straight to the next in line, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
