import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HELD_OUT_STYLES, renderAd, STYLES, type Style } from '../scripts/ocr-render.js';

/**
 * `npm run eval:ocr` is only as honest as its pictures: each style keeps its format, size, ground and
 * letters (white on the coloured gradient, dark elsewhere), so a change to the renderer cannot quietly
 * make the pictures easier to read.
 */
const AD =
  'Срочно! Требуются девушки до 25 лет для работы в офисе в Дубае. Опыт не нужен, зарплата от 3000$. Виза по прилёту! Пишите только в WhatsApp +7 701 234 56 78';

/** The mean colour of a region, and the lightest and darkest grey in it. */
async function region(picture: Buffer, left: number, top: number, width: number, height: number) {
  const { data, info } = await sharp(picture)
    .extract({ left, top, width, height })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let [r0, g0, b0] = [0, 0, 0];
  let light = 0;
  let dark = 255;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    r0 += r;
    g0 += g;
    b0 += b;
    const grey = 0.299 * r + 0.587 * g + 0.114 * b;
    light = Math.max(light, grey);
    dark = Math.min(dark, grey);
  }
  const n = data.length / info.channels;
  return { rgb: [r0, g0, b0].map((c) => Math.round(c / n)), light, dark };
}

const near = (rgb: number[], want: [number, number, number], within = 24) =>
  rgb.every((c, i) => Math.abs(c - (want[i] as number)) <= within);

/** Each style's format, width, ground (its top left corner) and where its first line of letters runs. */
const EXPECTED: Record<
  Style,
  { format: string; width: number; ground?: [number, number, number]; top: number; left: number }
> = {
  plain: { format: 'png', width: 1080, ground: [255, 255, 255], top: 100, left: 60 },
  'serif-cream': { format: 'jpeg', width: 1080, ground: [244, 234, 210], top: 110, left: 70 },
  coloured: { format: 'jpeg', width: 1080, ground: [123, 47, 247], top: 110, left: 70 },
  photo: { format: 'jpeg', width: 1080, top: 120, left: 80 },
  screenshot: { format: 'jpeg', width: 1080, ground: [31, 111, 92], top: 270, left: 70 },
  small: { format: 'jpeg', width: 540, ground: [255, 255, 255], top: 50, left: 30 },
  'notice-photo': { format: 'jpeg', width: 1080, top: 120, left: 90 },
  // Centred: its lines run across the middle (top -1).
  'story-oblique': { format: 'jpeg', width: 1080, top: -1, left: 100 },
};

describe('the pictures eval:ocr reads', () => {
  it('keeps each style: its format, size, ground, and letters that stand out from it', async () => {
    expect([...STYLES, ...HELD_OUT_STYLES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const style of [...STYLES, ...HELD_OUT_STYLES]) {
      const picture = await renderAd(AD, style);
      const meta = await sharp(picture).metadata();
      const want = EXPECTED[style];
      expect({ style, format: meta.format, width: meta.width }).toEqual({
        style,
        format: want.format,
        width: want.width,
      });
      expect(meta.height).toBeGreaterThanOrEqual(
        style === 'small' ? 675 : style === 'story-oblique' ? 1920 : 1300,
      );
      const corner = await region(picture, 2, 2, 16, 16);
      if (want.ground) expect(near(corner.rgb, want.ground), `${style}: ${corner.rgb}`).toBe(true);
      // The first line of the ad: letters as well as ground, far apart in grey.
      const top = want.top < 0 ? Math.round((meta.height ?? 0) / 2) - 20 : want.top;
      const lines = await region(picture, want.left, top, want.width === 540 ? 400 : 800, 40);
      expect(lines.light - lines.dark, style).toBeGreaterThan(120);
    }
  });

  it('draws white letters on the coloured gradient, and the same picture for the same ad', async () => {
    const coloured = await renderAd(AD, 'coloured');
    const lines = await region(coloured, 70, 110, 800, 60);
    expect(lines.light).toBeGreaterThan(225);
    expect(lines.dark).toBeLessThan(140);
    expect((await renderAd(AD, 'coloured')).equals(coloured)).toBe(true);
  });
});
