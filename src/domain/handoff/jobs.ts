/**
 * A ticket's work in the outbox: deliver its queue to the operators' chat (`ops`), to the person
 * (`person`), announce it again when it is not taken in time (`sla`), or remind the counsellors of its
 * follow-up date (`follow`, due at the start of that day's work). Stored as `<type>:<ticket id>`.
 */
export type HandoffJob = { type: 'ops' | 'person' | 'sla' | 'follow'; ticket: string };

const TYPES: readonly string[] = ['ops', 'person', 'sla', 'follow'];

export function encodeJob(job: HandoffJob): string {
  return `${job.type}:${job.ticket}`;
}

/** Undefined for a job of a kind this version does not know (it is dropped). */
export function decodeJob(job: string): HandoffJob | undefined {
  const at = job.indexOf(':');
  const type = job.slice(0, at);
  if (at < 0 || !TYPES.includes(type)) return undefined;
  return { type: type as HandoffJob['type'], ticket: job.slice(at + 1) };
}
