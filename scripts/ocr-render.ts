import sharp, { type OverlayOptions } from 'sharp';
import { prng } from './prng.js';

/**
 * Ads drawn as pictures for `npm run eval:ocr` and the bench's `ocr` part, without a browser: the text
 * laid out by sharp's Pango text input (the system's fonts: DejaVu here), composited on backgrounds made
 * from SVG and noise, written as PNG or JPEG. Deterministic: the same ad and style give the same picture.
 */

export const STYLES = ['plain', 'serif-cream', 'coloured', 'photo', 'screenshot', 'small'] as const;
/**
 * Styles kept out of the reading's development, reported apart by `eval:ocr`, each drawn for every other
 * ad: `notice-photo`, a printed notice photographed at a slant (DejaVu Sans Mono, a shadow across the
 * paper, turned 2°, slightly out of focus, JPEG 65), and `story-oblique`, a phone story (1080×1920, bold
 * oblique letters on a pastel radial gradient, centred, JPEG 72). docs/ocr.md says which was looked at.
 */
export const HELD_OUT_STYLES = ['notice-photo', 'story-oblique'] as const;
export type Style = (typeof STYLES)[number] | (typeof HELD_OUT_STYLES)[number];

const markup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small deterministic generator (mulberry32), seeded by the ad. */

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

async function textLayer(text: string, font: string, width: number, colour: string): Promise<Buffer> {
  return sharp({
    text: {
      text: `<span foreground="${colour}">${markup(text)}</span>`,
      font,
      width,
      rgba: true,
      wrap: 'word',
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
}

/** Light noise: grey speckles over the whole picture, as a phone camera or a re-saved JPEG leaves. */
async function noise(width: number, height: number, rnd: () => number, strength: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = Math.floor(rnd() * 255);
    px.set([v, v, v, Math.floor(rnd() * strength)], i * 4);
  }
  return sharp(px, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** Soft colour patches, blurred: a photograph's background as far as reading text is concerned. */
async function photoBackground(width: number, height: number, rnd: () => number): Promise<Buffer> {
  const w = 12;
  const h = 15;
  const px = Buffer.alloc(w * h * 3);
  const base = [150 + rnd() * 100, 130 + rnd() * 100, 110 + rnd() * 100];
  for (let i = 0; i < w * h; i++)
    px.set(
      base.map((c) => Math.max(0, Math.min(255, c + (rnd() - 0.5) * 90))),
      i * 3,
    );
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .blur(30)
    .png()
    .toBuffer();
}

function gradient(width: number, height: number, from: string, to: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
}

/** A phone's chat screen: status bar, a channel's header, the ad in a bubble, an input bar. */
function screenshotFrame(width: number, height: number, bubbleHeight: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#dfe9d8"/>
<rect width="100%" height="70" fill="#1f6f5c"/>
<text x="40" y="48" font-family="DejaVu Sans" font-size="30" fill="#fff">18:05</text>
<text x="${width - 170}" y="48" font-family="DejaVu Sans" font-size="30" fill="#fff">4G 87%</text>
<rect y="70" width="100%" height="130" fill="#23826b"/>
<circle cx="90" cy="135" r="42" fill="#f2c94c"/>
<text x="160" y="128" font-family="DejaVu Sans" font-size="36" fill="#fff">Вакансии Казахстан</text>
<text x="160" y="170" font-family="DejaVu Sans" font-size="26" fill="#d6efe7">12 400 подписчиков</text>
<rect x="30" y="240" rx="28" width="${width - 120}" height="${bubbleHeight}" fill="#ffffff"/>
<rect y="${height - 110}" width="100%" height="110" fill="#f6f6f6"/>
<rect x="30" y="${height - 90}" rx="35" width="${width - 160}" height="70" fill="#fff"/>
<text x="70" y="${height - 44}" font-family="DejaVu Sans" font-size="30" fill="#999">Сообщение</text>
</svg>`,
  );
}

/** The ad drawn in a style: what a person would photograph, screenshot or save from a channel. */
export async function renderAd(text: string, style: Style, width = 1080): Promise<Buffer> {
  const rnd = prng(seedOf(`${style}:${text}`));
  const at = (w: number, h: number) => ({ width: w, height: h });
  switch (style) {
    case 'plain': {
      const layer = await textLayer(text, 'DejaVu Sans 28', width - 120, '#111111');
      const { height = 0 } = await sharp(layer).metadata();
      return sharp({
        create: { ...at(width, Math.max(1350, height + 200)), channels: 3, background: '#ffffff' },
      })
        .composite([{ input: layer, top: 100, left: 60 }])
        .png()
        .toBuffer();
    }
    case 'serif-cream': {
      const layer = await textLayer(text, 'DejaVu Serif 26', width - 140, '#3b2a1a');
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1350, height + 220);
      return sharp({ create: { ...at(width, h), channels: 3, background: '#f4ead2' } })
        .composite([
          { input: layer, top: 110, left: 70 },
          { input: await noise(width, h, rnd, 40), top: 0, left: 0 },
        ])
        .jpeg({ quality: 80 })
        .toBuffer();
    }
    case 'coloured': {
      const layer = await textLayer(text, 'DejaVu Sans Bold 30', width - 140, '#ffffff');
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1350, height + 220);
      return sharp(gradient(width, h, '#7b2ff7', '#f107a3'))
        .composite([{ input: layer, top: 110, left: 70 }])
        .jpeg({ quality: 75 })
        .toBuffer();
    }
    case 'photo': {
      const layer = await textLayer(text, 'DejaVu Sans Condensed Bold 30', width - 160, '#1a1a1a');
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1350, height + 240);
      return sharp(await photoBackground(width, h, rnd))
        .composite([
          { input: layer, top: 120, left: 80 },
          { input: await noise(width, h, rnd, 50), top: 0, left: 0 },
        ])
        .jpeg({ quality: 70 })
        .toBuffer();
    }
    case 'screenshot': {
      const layer = await textLayer(text, 'DejaVu Sans 27', width - 200, '#1b1b1b');
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1350, height + 460);
      return sharp(screenshotFrame(width, h, height + 60))
        .composite([{ input: layer, top: 270, left: 70 }])
        .jpeg({ quality: 85 })
        .toBuffer();
    }
    case 'notice-photo': {
      const layer = await textLayer(text, 'DejaVu Sans Mono 24', width - 180, '#1d2a5a');
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1350, height + 240);
      const paper = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}"><defs><linearGradient id="s" x1="0" y1="0" x2="1" y2="0.3"><stop offset="0" stop-color="#a9a59b"/><stop offset="0.45" stop-color="#e9e6df"/><stop offset="1" stop-color="#f4f2ec"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/></svg>`,
      );
      const page = await sharp(paper)
        .composite([
          { input: layer, top: 120, left: 90 },
          { input: await noise(width, h, rnd, 30), top: 0, left: 0 },
        ])
        .png()
        .toBuffer();
      return sharp(page)
        .rotate(2, { background: '#6b675f' })
        .blur(0.8)
        .resize({ width })
        .jpeg({ quality: 65 })
        .toBuffer();
    }
    case 'story-oblique': {
      const layer = await sharp({
        text: {
          text: `<span foreground="#3a2340">${markup(text)}</span>`,
          font: 'DejaVu Sans Bold Oblique 30',
          width: width - 200,
          rgba: true,
          wrap: 'word',
          align: 'centre',
          dpi: 72,
        },
      })
        .png()
        .toBuffer();
      const { height = 0 } = await sharp(layer).metadata();
      const h = Math.max(1920, height + 400);
      const ground = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}"><defs><radialGradient id="r" cx="0.3" cy="0.25" r="0.9"><stop offset="0" stop-color="#fde2e4"/><stop offset="0.6" stop-color="#e2ece9"/><stop offset="1" stop-color="#cddafd"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#r)"/></svg>`,
      );
      return sharp(ground)
        .composite([{ input: layer, top: Math.round((h - height) / 2), left: 100 }])
        .jpeg({ quality: 72 })
        .toBuffer();
    }
    case 'small': {
      const w = 540;
      const layer = await textLayer(text, 'DejaVu Sans 15', w - 60, '#222222');
      const { height = 0 } = await sharp(layer).metadata();
      return sharp({ create: { ...at(w, Math.max(675, height + 100)), channels: 3, background: '#ffffff' } })
        .composite([{ input: layer, top: 50, left: 30 }])
        .jpeg({ quality: 80 })
        .toBuffer();
    }
  }
}

/**
 * A screenshot of a messenger chat: a contact's name at the top, her messages in bubbles on the left, the
 * time under each, an input bar. For the tests of words of danger in a picture (docs/ocr.md).
 */
export async function renderChat(messages: readonly string[], width = 1080): Promise<Buffer> {
  const bubbles: { layer: Buffer; height: number }[] = [];
  for (const m of messages) {
    const layer = await textLayer(m, 'DejaVu Sans 28', width - 300, '#111111');
    bubbles.push({ layer, height: (await sharp(layer).metadata()).height ?? 0 });
  }
  const total = bubbles.reduce((sum, b) => sum + b.height + 90, 0);
  const height = Math.max(1350, total + 420);
  let y = 240;
  const rects: string[] = [];
  const layers: OverlayOptions[] = [];
  for (const b of bubbles) {
    rects.push(
      `<rect x="30" y="${y}" rx="26" width="${width - 240}" height="${b.height + 70}" fill="#ffffff"/>`,
      `<text x="${width - 300}" y="${y + b.height + 58}" font-family="DejaVu Sans" font-size="20" fill="#9a9a9a">21:4${bubbles.indexOf(b)}</text>`,
    );
    layers.push({ input: b.layer, top: y + 25, left: 60 });
    y += b.height + 90;
  }
  const frame = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#e6ddd4"/>
<rect width="100%" height="190" fill="#075e54"/>
<circle cx="110" cy="110" r="50" fill="#c8d6d3"/>
<text x="190" y="105" font-family="DejaVu Sans" font-size="38" fill="#fff">Айгерим</text>
<text x="190" y="150" font-family="DejaVu Sans" font-size="26" fill="#cfe8e3">в сети</text>
${rects.join('\n')}
<rect y="${height - 110}" width="100%" height="110" fill="#f0f0f0"/>
</svg>`,
  );
  return sharp(frame).composite(layers).png().toBuffer();
}

/** What the picture shows of the text: emoji and symbols the fonts here cannot draw are left out. */
export function drawnText(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
