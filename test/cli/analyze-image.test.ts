import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/analyze.js';
import {
  adPicture,
  blankPicture,
  CHAT_DANGER,
  chatPicture,
  HAS_TESSERACT,
  NO_TESSERACT_REASON,
  PICTURE_AD,
} from '../helpers/picture.js';
import { runMain } from '../helpers/run.js';

// The test's own pictures, in a folder of its own that goes with it.
const dir = mkdtempSync(join(tmpdir(), 'tekser-analyze-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const analyze = (args: string[]) => runMain(main, args, { INTEL_SECRET: '' });

describe('npm run analyze -- --image: refusals', () => {
  it('refuses a file that is not an image with one line and exit code 2', async () => {
    const { code, stdout, stderr } = await analyze(['--json', '--image', file('ad.txt', PICTURE_AD)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([`analyze: ${join(dir, 'ad.txt')}: not a PNG or JPEG picture`]);
  });

  it('refuses a file over 10 MB before reading it', async () => {
    const big = file('big.png', new Uint8Array(10 * 1024 * 1024 + 1));
    const { code, stderr } = await analyze(['--json', '--image', big]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`analyze: ${big}: larger than 10 MB: not read`);
  });

  it('refuses a picture over 40 megapixels (a small file, a huge picture)', async () => {
    const huge = await sharp({ create: { width: 8000, height: 5001, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const path = file('huge.png', huge);
    const { code, stderr } = await analyze(['--json', '--image', path]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`analyze: ${path}: larger than 40 megapixels: not read`);
  });

  it('refuses a missing file', async () => {
    const { code, stderr } = await analyze(['--json', '--image', join(dir, 'none.png')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no such file');
  });
});

describe.skipIf(!HAS_TESSERACT)(
  `npm run analyze -- --image: reading${HAS_TESSERACT ? '' : ` (skipped: ${NO_TESSERACT_REASON})`}`,
  () => {
    it('gives the same JSON object as for the text of the ad in a rendered PNG', async () => {
      const png = file('ad.png', await adPicture(PICTURE_AD));
      const fromPicture = JSON.parse((await analyze(['--json', '--image', png])).stdout);
      const fromText = JSON.parse((await runMain(main, ['--json'], { INTEL_SECRET: '' }, PICTURE_AD)).stdout);
      expect(Object.keys(fromPicture)).toEqual(Object.keys(fromText));
      expect(fromPicture.risk).toBe(fromText.risk);
      expect(fromPicture.flags.map((f: { id: string }) => f.id)).toEqual(
        expect.arrayContaining(['wrong_visa', 'gender_age_mismatch', 'informal_contact']),
      );
      expect(fromPicture.contacts).toContainEqual({ type: 'phone', value: '+77012345678' });
    });

    it('a screenshot of her chat with words of danger: the same risk and flags as the words typed', async () => {
      const png = file('chat.png', await chatPicture());
      const fromPicture = JSON.parse((await analyze(['--json', '--image', png])).stdout);
      const typed = CHAT_DANGER.join('\n');
      const fromText = JSON.parse((await runMain(main, ['--json'], { INTEL_SECRET: '' }, typed)).stdout);
      expect(fromPicture.risk).toBe('critical');
      expect(fromPicture.risk).toBe(fromText.risk);
      expect(fromPicture.flags.map((f: { id: string }) => f.id)).toEqual(
        fromText.flags.map((f: { id: string }) => f.id),
      );
    });

    it('a picture with no text: one line, exit code 1', async () => {
      const { code, stdout, stderr } = await analyze([
        '--json',
        '--image',
        file('blank.png', await blankPicture()),
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('no text could be read');
    });
  },
);
