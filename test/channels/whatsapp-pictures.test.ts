import { afterAll, describe, expect, it } from 'vitest';
import type { PictureReader } from '../../src/app/dialogue-service.js';
import { PictureReader as OcrReader } from '../../src/infra/ocr.js';
import { WaPerson, whatsappHarness } from '../../testing/whatsapp-harness.js';
import { newWaId } from '../../testing/whatsapp-updates.js';
import { deps, text } from '../helpers/content.js';
import {
  adPicture,
  blankPicture,
  chatPicture,
  HAS_TESSERACT,
  NO_TESSERACT_REASON,
  PICTURE_AD,
} from '../helpers/picture.js';
import { dropPrefix, testPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = testPrefix('wa-pictures');

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function person(pictures: PictureReader) {
  const h = await whatsappHarness(redis, prefix, { deps: await deps(), pictures });
  return { h, p: new WaPerson(h, newWaId()) };
}

const image = (id: string, caption?: string) => ({
  image: { id, mime_type: 'image/jpeg', sha256: 'x', ...(caption ? { caption } : {}) },
});

describe.skipIf(!HAS_TESSERACT)(
  `pictures of ads on WhatsApp, read by tesseract${HAS_TESSERACT ? '' : ` (skipped: ${NO_TESSERACT_REASON})`}`,
  () => {
    it('fetches the image (media URL, then the file, with the token) and answers with its verdict', async () => {
      const { h, p } = await person(new OcrReader({ concurrency: 1 }));
      try {
        h.graph.media.set('m-ad', { bytes: await adPicture(PICTURE_AD, 'jpeg'), mime: 'image/jpeg' });
        await p.text('/start');
        const shown = await p.of('image', image('m-ad'));
        const all = shown.map((s) => s.text).join('\n');
        expect(all).toContain(text('ru', 'flags.wrong_visa.title'));
        const fetched = h.graph.requests.filter((r) => r.path.includes('m-ad'));
        expect(fetched.map((r) => r.path)).toEqual(['/v23.0/m-ad', '/v23.0/files/m-ad']);
      } finally {
        await h.close();
      }
    });

    it('a screenshot of her chat with words of danger brings the numbers, as her typed words do', async () => {
      const { h, p } = await person(new OcrReader({ concurrency: 1 }));
      try {
        h.graph.media.set('m-chat', { bytes: await chatPicture(), mime: 'image/png' });
        await p.text('/start');
        const shown = await p.of('image', image('m-chat'));
        expect(shown[0]?.text).toContain(text('ru', 'emergency.heard'));
        expect(shown.map((s) => s.text)).not.toContain(text('ru', 'picture.not_an_ad'));
      } finally {
        await h.close();
      }
    });

    it('an image without text gets "I could not read text in this picture"', async () => {
      const { h, p } = await person(new OcrReader({ concurrency: 1 }));
      try {
        h.graph.media.set('m-blank', { bytes: await blankPicture(), mime: 'image/png' });
        await p.text('/start');
        const shown = await p.of('image', image('m-blank'));
        expect(shown[0]?.text).toBe(text('ru', 'picture.unreadable'));
      } finally {
        await h.close();
      }
    });
  },
);

describe('pictures on WhatsApp, whatever the reader', () => {
  it('media that cannot be fetched is answered, not lost: unreadable, then the caption', async () => {
    const seen: number[] = [];
    const { h, p } = await person({
      read: async (bytes) => {
        seen.push(bytes.byteLength);
        return { kind: 'text', text: PICTURE_AD };
      },
    });
    try {
      await p.text('/start');
      const shown = await p.of('image', image('gone', PICTURE_AD));
      expect(seen).toEqual([]);
      expect(shown[0]?.text).toBe(text('ru', 'picture.unreadable'));
      expect(shown.map((s) => s.text).join('\n')).toContain(text('ru', 'flags.wrong_visa.title'));
    } finally {
      await h.close();
    }
  });
});
