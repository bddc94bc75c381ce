import { PictureReader } from '../src/infra/ocr.js';
import { renderAd, type Style } from './ocr-render.js';

/** Ads of the usual lengths in the three languages, drawn 1080 px wide (a phone's post or screenshot). */
const ADS = [
  'Срочно! Требуются девушки до 25 лет с модельной внешностью для работы в офисе в Дубае. Опыт не нужен, зарплата от 3000$. Виза по прилёту! Пишите только в WhatsApp +7 701 234 56 78',
  '«Мерей» киім дүкеніне сатушы-кеңесші қажет! Шымкент қ., Тәуке хан даңғылы, 37. Кесте: 2/2, 10:00–21:00. Жалақы: 170 000 ₸ + сатылымнан 3%. Талаптар: ұқыпты сыртқы келбет; қазақ және орыс тілдерінде еркін сөйлеу.',
  'Hostess wanted in Seoul! Young attractive girls 18-25, no Korean needed. Salary from $4000 a month, free flat. We buy the tickets, you pay back from the first salary. Tourist visa is fine, documents will be arranged there.',
  'Кассир керек. «Береке Маркет» супермаркеті, Қарағанды қ., Бұқар жырау даңғылы, 61. График 2/2, күндізгі ауысым. Айлығы 210 000 ₸, айына екі рет төленеді. Официально, әлеуметтік пакет бар.',
];
const STYLES: Style[] = ['plain', 'screenshot', 'photo', 'coloured'];

/**
 * `npm run bench -- --only ocr`: how long one picture takes to read (checks, preprocessing, tesseract),
 * one at a time on one core, for 1080×1350 pictures of ads: p50 and p99 over `rounds` readings.
 */
export async function benchOcr(rounds = 40) {
  const pictures: Buffer[] = [];
  for (const [i, text] of ADS.entries())
    for (const [j, style] of STYLES.entries())
      if ((i + j) % 2 === 0 || pictures.length < 8) pictures.push(await renderAd(text, style));
  const reader = new PictureReader({ concurrency: 1, queue: 0 });
  await reader.read(pictures[0] as Buffer); // warm: the language data read into the page cache
  const ms: number[] = [];
  let empty = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const r = await reader.read(pictures[i % pictures.length] as Buffer);
    ms.push(performance.now() - t0);
    if (r.kind !== 'text') empty++;
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0);
  return {
    pictures: rounds,
    size: '1080x1350',
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    max_ms: at(1),
    not_read: empty,
  };
}
