import sharp from 'sharp';
import { renderChat } from '../../scripts/ocr-render.js';
import { tesseractAvailable } from '../../src/infra/ocr.js';

/** Tests that read pictures need tesseract (CI installs it: .ci/run); without it they are skipped, saying so. */
export const HAS_TESSERACT = tesseractAvailable();
export const NO_TESSERACT_REASON =
  'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)';
if (!HAS_TESSERACT) console.warn(`skipped: picture tests: ${NO_TESSERACT_REASON}`);

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An ad as a picture: black text on white, wrapped, as a PNG (or JPEG) in memory. */
export async function adPicture(text: string, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const layer = await sharp({
    text: { text: escapeMarkup(text), font: 'DejaVu Sans 30', width: 960, rgba: true, wrap: 'word' },
  })
    .png()
    .toBuffer();
  const page = sharp({ create: { width: 1080, height: 1350, channels: 3, background: '#ffffff' } }).composite(
    [{ input: layer, top: 100, left: 60 }],
  );
  return format === 'png' ? page.png().toBuffer() : page.jpeg({ quality: 85 }).toBuffer();
}

/** A picture with no text in it: a plain coloured square. */
export function blankPicture(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 600, channels: 3, background: '#88aacc' } })
    .png()
    .toBuffer();
}

/** A risky ad every reader agrees on: the flags its picture must keep. */
export const PICTURE_AD =
  'Срочно! Требуются девушки до 25 лет для работы в офисе в Дубае. Опыт не нужен, зарплата от 3000$. Виза по прилёту! Пишите только в WhatsApp +7 701 234 56 78';

/** Her chat's screenshot with words of danger in it (no ad): the numbers, as for her typed words. */
export const CHAT_DANGER = [
  'Мама, у меня забрали паспорт, не выпускают из квартиры',
  'Я в Дубае, мне страшно',
];
export const chatPicture = (messages: readonly string[] = CHAT_DANGER) => renderChat(messages);
