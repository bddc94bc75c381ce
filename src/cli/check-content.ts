import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseLexicon } from '../domain/ads/lexicon.js';
import { FLAG_IDS, FLAG_TEXT_PARTS, flagTextKey } from '../domain/flags.js';
import type { Flow } from '../domain/flow/schema.js';
import { flowTextKeys, validateFlows } from '../domain/flow/validate.js';
import { LANGS } from '../domain/language.js';
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
 * missing from a locale or used nowhere, plural forms, placeholders that differ between languages, and
 * a JSON Schema that no longer matches the flow language.
 */
export function checkContent(dirs: ContentDirs): string[] {
  const problems: string[] = [];
  const rel = (p: string) => relative(dirs.root, p) || p;

  // Flows.
  const flows: Flow[] = [];
  const fileOf = new Map<string, string>();
  const readOf = new Map<string, ReturnType<typeof readFlowFile>>();
  for (const file of readdirSync(dirs.flowsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const path = join(dirs.flowsDir, file);
    const read = readFlowFile(readFileSync(path, 'utf8'), rel(path));
    problems.push(...read.problems);
    if (!read.flow) continue;
    flows.push(read.flow);
    fileOf.set(read.flow.id, rel(path));
    readOf.set(read.flow.id, read);
  }
  for (const p of validateFlows(flows))
    problems.push(`${readOf.get(p.flow)?.where(p) ?? p.flow}: ${p.problem}`);

  // Locales.
  const locales = new Map<string, Map<string, string>>();
  for (const lang of LANGS) {
    const path = join(dirs.localesDir, `${lang}.json`);
    try {
      locales.set(lang, flatten(JSON.parse(readFileSync(path, 'utf8'))));
    } catch (err) {
      problems.push(`${rel(path)}: cannot be read: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const base = (key: string) => key.replace(PLURAL, '');
  const byBase = new Map<string, Map<string, string[]>>(); // base key -> lang -> full keys
  for (const [lang, entries] of locales) {
    for (const key of entries.keys()) {
      const b = base(key);
      const langs = byBase.get(b) ?? new Map<string, string[]>();
      langs.set(lang, [...(langs.get(lang) ?? []), key]);
      byBase.set(b, langs);
    }
  }
  const localePath = (lang: string) => rel(join(dirs.localesDir, `${lang}.json`));
  for (const [b, langs] of byBase) {
    const isPlural = [...langs.values()].some((keys) => keys.some((k) => PLURAL.test(k)));
    const placeholderSets = new Map<string, string>();
    for (const lang of locales.keys()) {
      const keys = langs.get(lang);
      if (!keys) {
        problems.push(`${localePath(lang)}: missing key "${b}"`);
        continue;
      }
      if (isPlural) {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const form of needed) {
          if (!keys.includes(`${b}_${form}`))
            problems.push(`${localePath(lang)}: "${b}" lacks the plural form "${form}"`);
        }
      }
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

  // Text keys: used by a flow, the flag catalogue or the code, and present in the locales.
  const known = new Set(byBase.keys());
  const sections = new Set([...known].map((k) => k.split('.')[0]));
  const used = new Map<string, string>(); // key -> where
  for (const flow of flows) for (const k of flowTextKeys(flow)) used.set(k, fileOf.get(flow.id) ?? flow.id);
  for (const id of FLAG_IDS)
    for (const part of FLAG_TEXT_PARTS) used.set(flagTextKey(id, part), 'src/domain/flags.ts');
  for (const file of sourceFiles(dirs.srcDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)['"`]/g)) {
      const key = m[1] as string;
      // A domain ("whatsapp.com") is not a text key, even when its first part names a section.
      const domain = /\.(com|org|net|kz|ru|me|io)$/.test(key);
      if (sections.has(key.split('.')[0]) && !key.endsWith('.json') && !key.endsWith('.ts') && !domain)
        used.set(key, rel(file));
    }
  }
  for (const [key, where] of used) {
    if (!known.has(key)) problems.push(`${where}: unknown text key "${key}"`);
  }
  // Keys built in code from a family and a value (`ops.outcome.${outcome}`): the family is used.
  const families = new Set<string>();
  for (const file of sourceFiles(dirs.srcDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/`([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*[._])\$\{/g)) {
      const family = m[1] as string;
      if (sections.has(family.split('.')[0] as string)) families.add(family);
    }
  }
  const inFamily = (key: string) => [...families].some((f) => key.startsWith(f));
  for (const key of known) {
    const where = [...(byBase.get(key)?.keys() ?? ['en'])][0] ?? 'en';
    if (!used.has(key) && !inFamily(key))
      problems.push(`${localePath(where)}: key "${key}" is used by no flow and no code`);
  }

  // The ad lexicon: schema, cues and flags it names, patterns that compile, answers it fills in.
  const lexiconPath = join(dirs.flowsDir, 'lexicon', 'ads.yaml');
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

  // The diagrams of the flows in docs/flows, as `npm run flows:graph` writes them (in English).
  const english = locales.get('en');
  const docsDir = join(dirs.root, ...FLOW_DOCS);
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

  // The JSON Schema editors use for autocompletion.
  const schemaPath = join(dirs.flowsDir, 'flow.schema.json');
  let current = '';
  try {
    current = readFileSync(schemaPath, 'utf8');
  } catch {
    // reported below
  }
  if (current !== flowJsonSchema())
    problems.push(`${rel(schemaPath)}: out of date; run npm run flows:schema`);
  return problems;
}
