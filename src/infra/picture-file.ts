import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import { inspectPicture, MAX_PICTURE_BYTES } from './ocr.js';

/**
 * A picture file given on the command line (`analyze --image`, `chat --image`): its bytes, or one clear
 * line (a ConfigError) when it is missing, not a PNG, JPEG or WebP picture, or larger than 10 MB or 40
 * megapixels (issue 18). The size is checked before the file is read, the format and the pixels before
 * anything is decoded.
 */
export async function readPictureFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ConfigError(`${file}: no such file`);
  }
  if (size > MAX_PICTURE_BYTES) throw new ConfigError(`${file}: larger than 10 MB: not read`);
  const bytes = await readFile(file);
  const inspected = await inspectPicture(bytes);
  if (!inspected.ok)
    throw new ConfigError(
      inspected.reason === 'too_large'
        ? `${file}: larger than 40 megapixels: not read`
        : `${file}: not a PNG or JPEG picture`,
    );
  return bytes;
}
