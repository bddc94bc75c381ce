import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseLexicon } from '../domain/ads/lexicon.js';
import { FLAG_IDS, FLAG_TEXT_PARTS, flagTextKey } from '../domain/flags.js';
import type { Flow } from '../domain/flow/schema.js';
import { flowTextKeys, validateFlows } from '../domain/flow/validate.js';
import { LANGS } from '../domain/language.js';
import { checkDanger } from './check-danger.js';
import { checkDesk } from './check-desk.js';
import { FLOW_DOCS, flowDoc } from './flow-diagram.js';
import { readFlowFile } from './flow-file.js';
import { flowJsonSchema } from './flow-json-schema.js';

export interface ContentDirs {
  root: string;
  flowsDir: string;
  localesDir: string;
  srcDir: string;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;

export function flatten(obj: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(obj));
  return out;
}

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Everything `npm run flows:check` verifies, as `file: problem` lines (`file:line:column: problem` in a flow): flow schema and logic, text keys
 * missing from a locale or used nowhere, plural forms, placeholders that differ between languages, the
 * ad lexicon, the words of danger, and a JSON Schema that no longer matches the flow language.
 */
export function checkContent(dirs: ContentDirs): string[] {
  const problems: string[] = [];
  const rel = (p: string) => relative(dirs.root, p) || p;
  const localePath = (lang: string) => rel(join(dirs.localesDir, `${lang}.json`));

  const { flows, fileOf } = checkFlows(dirs.flowsDir, rel, problems);
  const locales = readLocales(dirs.localesDir, rel, problems);
  const byBase = keysByBase(locales);
  for (const [b, langs] of byBase) checkLocaleKey(b, langs, locales, localePath, problems);
  checkTextKeys({ dirs, rel, localePath, flows, fileOf, byBase }, problems);
  checkLexicon(dirs.flowsDir, flows, rel, problems);
  checkDanger(dirs.flowsDir, rel, problems);
  checkDiagrams(dirs.root, flows, locales.get('en'), rel, problems);
  checkJsonSchema(dirs.flowsDir, rel, problems);
  checkDesk(dirs.flowsDir, rel, problems);
  return problems;
}

/** The flows: each file's schema and the logic of them all. The flows that could be read, by file. */
function checkFlows(
  flowsDir: string,
  rel: (p: string) => string,
  problems: string[],
): { flows: Flow[]; fileOf: Map<string, string> } {
  const flows: Flow[] = [];
  const fileOf = new Map<string, string>();
  const readOf = new Map<string, ReturnType<typeof readFlowFile>>();
  for (const file of readdirSync(flowsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(flowsDir, file);
    const read = readFlowFile(readFileSync(path, 'utf8'), rel(path));
    problems.push(...read.problems);
    if (!read.flow) continue;
    flows.push(read.flow);
    fileOf.set(read.flow.id, rel(path));
    readOf.set(read.flow.id, read);
  }
  for (const p of validateFlows(flows))
    problems.push(`${readOf.get(p.flow)?.where(p) ?? p.flow}: ${p.problem}`);
  return { flows, fileOf };
}

/** Each language's texts, flattened to dotted keys; a locale that cannot be read is a problem. */
function readLocales(
  localesDir: string,
  rel: (p: string) => string,
  problems: string[],
): Map<string, Map<string, string>> {
  const locales = new Map<string, Map<string, string>>();
  for (const lang of LANGS) {
    const path = join(localesDir, `${lang}.json`);
    try {
      locales.set(lang, flatten(JSON.parse(readFileSync(path, 'utf8'))));
    } catch (err) {
      problems.push(`${rel(path)}: cannot be read: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return locales;
}

/** Base key (without a plural ending) -> language -> the full keys of that language. */
function keysByBase(locales: Map<string, Map<string, string>>): Map<string, Map<string, string[]>> {
  const byBase = new Map<string, Map<string, string[]>>();
  for (const [lang, entries] of locales) {
    for (const key of entries.keys()) {
      const b = key.replace(PLURAL, '');
      const langs = byBase.get(b) ?? new Map<string, string[]>();
      langs.set(lang, [...(langs.get(lang) ?? []), key]);
      byBase.set(b, langs);
    }
  }
  return byBase;
}

/** One text key in every language: present, with its plural forms, not empty, with the placeholders of en. */
function checkLocaleKey(
  b: string,
  langs: Map<string, string[]>,
  locales: Map<string, Map<string, string>>,
  localePath: (lang: string) => string,
  problems: string[],
): void {
  const isPlural = [...langs.values()].some((keys) => keys.some((k) => PLURAL.test(k)));
  const placeholderSets = new Map<string, string>();
  for (const lang of locales.keys()) {
    const keys = langs.get(lang);
    if (!keys) {
      problems.push(`${localePath(lang)}: missing key "${b}"`);
      continue;
    }
    if (isPlural) checkPluralForms(b, lang, keys, localePath, problems);
    const entries = locales.get(lang) as Map<string, string>;
    const found = new Set(keys.flatMap((k) => placeholders(entries.get(k) ?? '')));
    if (isPlural) found.delete('count');
    placeholderSets.set(lang, [...found].sort().join(', '));
    for (const k of keys) {
      if ((entries.get(k) ?? '').trim() === '') problems.push(`${localePath(lang)}: "${k}" is empty`);
    }
  }
  const reference = placeholderSets.get('en');
  for (const [lang, set] of placeholderSets) {
    if (reference !== undefined && set !== reference) {
      problems.push(`${localePath(lang)}: "${b}" has placeholders {${set}} but en has {${reference}}`);
    }
  }
}

/** The plural forms a language needs of a counted text. */
function checkPluralForms(
  b: string,
  lang: string,
  keys: string[],
  localePath: (lang: string) => string,
  problems: string[],
): void {
  const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const form of needed) {
    if (!keys.includes(`${b}_${form}`))
      problems.push(`${localePath(lang)}: "${b}" lacks the plural form "${form}"`);
  }
}

interface TextKeyContext {
  dirs: ContentDirs;
  rel: (p: string) => string;
  localePath: (lang: string) => string;
  flows: Flow[];
  fileOf: Map<string, string>;
  byBase: Map<string, Map<string, string[]>>;
}

/** Text keys: used by a flow, the flag catalogue or the code, and present in the locales. */
function checkTextKeys(c: TextKeyContext, problems: string[]): void {
  const known = new Set(c.byBase.keys());
  const sections = new Set([...known].map((k) => k.split('.')[0]));
  const used = usedTextKeys(c, sections);
  for (const [key, where] of used) {
    if (!known.has(key)) problems.push(`${where}: unknown text key "${key}"`);
  }
  const families = keyFamilies(c.dirs.srcDir, sections);
  const inFamily = (key: string) => [...families].some((f) => key.startsWith(f));
  for (const key of known) {
    const where = [...(c.byBase.get(key)?.keys() ?? ['en'])][0] ?? 'en';
    if (!used.has(key) && !inFamily(key))
      problems.push(`${c.localePath(where)}: key "${key}" is used by no flow and no code`);
  }
}

/** Every text key in use -> where it is used. */
function usedTextKeys(c: TextKeyContext, sections: Set<string | undefined>): Map<string, string> {
  const used = new Map<string, string>();
  for (const flow of c.flows)
    for (const k of flowTextKeys(flow)) used.set(k, c.fileOf.get(flow.id) ?? flow.id);
  for (const id of FLAG_IDS)
    for (const part of FLAG_TEXT_PARTS) used.set(flagTextKey(id, part), 'src/domain/flags.ts');
  for (const file of sourceFiles(c.dirs.srcDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)['"`]/g)) {
      const key = m[1] as string;
      if (isTextKeyInCode(key, sections)) used.set(key, c.rel(file));
    }
  }
  return used;
}

/** Whether a quoted dotted word in the code is a text key: it starts with a section, and is no file. */
function isTextKeyInCode(key: string, sections: Set<string | undefined>): boolean {
  // A domain ("whatsapp.com") is not a text key, even when its first part names a section.
  const domain = /\.(com|org|net|kz|ru|me|io)$/.test(key);
  return sections.has(key.split('.')[0]) && !key.endsWith('.json') && !key.endsWith('.ts') && !domain;
}

/** Keys built in code from a family and a value (`ops.outcome.${outcome}`): the family is used. */
function keyFamilies(srcDir: string, sections: Set<string | undefined>): Set<string> {
  const families = new Set<string>();
  for (const file of sourceFiles(srcDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/`([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*[._])\$\{/g)) {
      const family = m[1] as string;
      if (sections.has(family.split('.')[0] as string)) families.add(family);
    }
  }
  return families;
}

/** The ad lexicon: schema, cues and flags it names, patterns that compile, answers it fills in. */
function checkLexicon(flowsDir: string, flows: Flow[], rel: (p: string) => string, problems: string[]): void {
  const lexiconPath = join(flowsDir, 'lexicon', 'ads.yaml');
  try {
    const lexicon = parseLexicon(readFileSync(lexiconPath, 'utf8'), rel(lexiconPath));
    const check = flows.find((f) => f.id === 'offer-check');
    for (const [question, options] of Object.entries(lexicon.source.prefill)) {
      const step = check?.steps.find((s) => s.id === question);
      if (step?.kind !== 'choice') {
        problems.push(
          `${rel(lexiconPath)}: prefill names "${question}", which is no question of offer-check`,
        );
        continue;
      }
      for (const option of Object.keys(options)) {
        if (!step.options.some((o) => o.id === option)) {
          problems.push(
            `${rel(lexiconPath)}: prefill names "${question}: ${option}", which is no answer of it`,
          );
        }
      }
    }
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
}

/** The diagrams of the flows in docs/flows, as `npm run flows:graph` writes them (in English). */
function checkDiagrams(
  root: string,
  flows: Flow[],
  english: Map<string, string> | undefined,
  rel: (p: string) => string,
  problems: string[],
): void {
  const docsDir = join(root, ...FLOW_DOCS);
  if (english) {
    for (const flow of flows) {
      const path = join(docsDir, `${flow.id}.md`);
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (current !== flowDoc(flow, (key) => english.get(key) ?? key))
        problems.push(
          `${rel(path)}: ${current === undefined ? 'missing' : 'out of date'}; run npm run flows:graph`,
        );
    }
  }
  const flowIds = new Set(flows.map((f) => f.id));
  for (const file of existsSync(docsDir) ? readdirSync(docsDir) : []) {
    if (file.endsWith('.md') && !flowIds.has(file.slice(0, -3)))
      problems.push(`${rel(join(docsDir, file))}: no flow ${file.slice(0, -3)}; run npm run flows:graph`);
  }
}

/** The JSON Schema editors use for autocompletion. */
function checkJsonSchema(flowsDir: string, rel: (p: string) => string, problems: string[]): void {
  const schemaPath = join(flowsDir, 'flow.schema.json');
  let current = '';
  try {
    current = readFileSync(schemaPath, 'utf8');
  } catch {
    // reported below
  }
  if (current !== flowJsonSchema())
    problems.push(`${rel(schemaPath)}: out of date; run npm run flows:schema`);
}
