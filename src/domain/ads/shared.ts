/**
 * Shared option sets of the ad lexicon (`shared:` / `with:` in flows/lexicon/ads.yaml): the options several
 * cues share, written once.
 */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The lexicon as written, each cue that says `with: <name>` given the keys of that shared set (before the
 * schema fills in defaults, so that a default never hides a shared key). A key set both by a cue and by
 * its set is a problem, not an override: a cue reads the same wherever its keys are written. A set no
 * cue takes is a problem too.
 */
export function takeShared(raw: unknown): { raw: unknown; problems: string[] } {
  if (!isRecord(raw) || !isRecord(raw.cues)) return { raw, problems: [] };
  const shared = isRecord(raw.shared) ? raw.shared : {};
  const problems: string[] = [];
  const taken = new Set<string>();
  const cues: Record<string, unknown> = {};
  for (const [name, cue] of Object.entries(raw.cues)) {
    if (!isRecord(cue) || !('with' in cue)) {
      cues[name] = cue;
      continue;
    }
    const { with: setName, ...own } = cue;
    const set = typeof setName === 'string' && Object.hasOwn(shared, setName) ? shared[setName] : undefined;
    if (!isRecord(set)) {
      problems.push(`cue "${name}": with "${String(setName)}", which is no shared set`);
      cues[name] = own;
      continue;
    }
    taken.add(setName as string);
    for (const key of Object.keys(own))
      if (key in set) problems.push(`cue "${name}": "${key}" is set both here and in shared "${setName}"`);
    cues[name] = { ...set, ...own };
  }
  for (const setName of Object.keys(shared))
    if (!taken.has(setName)) problems.push(`shared "${setName}" is taken by no cue (\`with: ${setName}\`)`);
  return { raw: { ...raw, cues }, problems };
}
