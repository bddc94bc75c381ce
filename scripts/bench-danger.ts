/**
 * `npm run bench:danger`: how long the words of danger take to load (flows/lexicon/danger.yaml read,
 * checked and compiled, as at start-up) and to read long texts, after warming up (measured, never asserted).
 */
import { readDanger } from '../src/domain/danger/index.js';
import { loadDangerLexicon } from '../src/infra/content.js';

const loading = performance.now();
const lexicon = loadDangerLexicon();
console.log('load', (performance.now() - loading).toFixed(3), 'ms');

const base = "Помогите пожалуйста я в Дубае у меня забрали паспорт и не выпускают, menya b'yut, қорқамын. ";
const calm =
  'Здравствуйте, хочу поехать работать в Корею на завод, агентство просит 200 тысяч за оформление визы. ';
for (const [name, b] of [
  ['danger', base],
  ['calm', calm],
  ['no marks', 'абв где ёжз '],
  ['one word', 'a'],
] as const) {
  for (const n of [4096, 65536]) {
    const text = b.repeat(Math.ceil(n / b.length)).slice(0, n);
    for (let i = 0; i < 1000; i++) readDanger(lexicon, text);
    const t0 = performance.now();
    const runs = 500;
    for (let i = 0; i < runs; i++) readDanger(lexicon, text);
    console.log(name, n, ((performance.now() - t0) / runs).toFixed(3), 'ms');
  }
}
