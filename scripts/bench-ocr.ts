import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
 * The processor time the finished children of this process used, in ms (Linux: /proc/self/stat's
 * cutime and cstime, at 100 ticks a second), or undefined elsewhere. Tesseract's own time, which a
 * loaded machine does not stretch as it stretches the time on the clock.
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * `npm run bench -- --only ocr`: how long one picture takes to read (checks, preprocessing, tesseract),
 * one at a time on one core, for 1080×1350 pictures of ads: p50 and p99 over `rounds` readings, on the
 * clock and in tesseract's processor time, the tesseract runs per picture, and the machine's load.
 */
export async function benchOcr(rounds = 40) {
  const pictures: Buffer[] = [];
  for (const [i, text] of ADS.entries())
    for (const [j, style] of STYLES.entries())
      if ((i + j) % 2 === 0 || pictures.length < 8) pictures.push(await renderAd(text, style));
  const reader = new PictureReader({ concurrency: 1, queue: 0 });
  await reader.read(pictures[0] as Buffer); // warm: the language data read into the page cache
  const ms: number[] = [];
  const cpu: number[] = [];
  const load = loadavg()[0] ?? 0;
  const runsBefore = reader.runs;
  let empty = 0;
  for (let i = 0; i < rounds; i++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = await reader.read(pictures[i % pictures.length] as Buffer);
    ms.push(performance.now() - t0);
    const c1 = childrenCpuMs();
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
    if (r.kind !== 'text') empty++;
  }
  const at = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
  };
  return {
    pictures: rounds,
    size: '1080x1350',
    p50_ms: at(ms, 0.5),
    p99_ms: at(ms, 0.99),
    max_ms: at(ms, 1),
    // Tesseract's processor time (Linux only): what the picture costs, whatever else the machine does.
    cpu_p50_ms: cpu.length ? at(cpu, 0.5) : null,
    cpu_p99_ms: cpu.length ? at(cpu, 0.99) : null,
    runs_per_picture: Math.round(((reader.runs - runsBefore) / rounds) * 100) / 100,
    load_average: [Math.round(load * 10) / 10, Math.round((loadavg()[0] ?? 0) * 10) / 10],
    not_read: empty,
  };
}
