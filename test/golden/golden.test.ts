import { describe, expect, it } from 'vitest';
import { telegramMarks } from '../../src/channels/telegram/message-marks.js';
import {
  type DialogueDeps,
  handle,
  type Input,
  type Meta,
  type PersonState,
  type Turn,
} from '../../src/domain/dialogue/index.js';
import type { Lang } from '../../src/domain/language.js';
import { deps as makeDeps } from '../helpers/content.js';
import { SCRIPTS, type Step, WORKDAY } from './scripts.js';

/**
 * Golden transcripts: what the dialogue engine says, does and keeps for a set of scripted conversations
 * (every flow, every command, ads, words of danger, the callback, the relay, /forget, each language),
 * written to test/golden/transcripts/. A change of behaviour shows as a diff of a transcript; a change
 * meant to alter what people read is re-recorded with `npm run golden:record` and reviewed as a diff.
 */

const deps: DialogueDeps = await makeDeps();

class Transcript {
  private state: PersonState | null = null;
  private last: Turn | undefined;
  private readonly lines: string[] = [];
  private messageId = 100;
  private ids = 0;
  private now: number;

  constructor(
    private readonly platformLang: Lang | undefined,
    start: number,
    private readonly withHandoff: boolean,
  ) {
    this.now = start;
  }

  /** The button of the last message whose data ends with `:id` (an answer), or is exactly `id` (a shortcut). */
  private buttonData(id: string): string {
    const replies = this.last?.replies ?? [];
    for (const reply of [...replies].reverse()) {
      for (const c of [...(reply.choices ?? []), ...(reply.shortcuts ?? [])]) {
        if (c.data === id || c.data.endsWith(`:${id}`)) return c.data;
      }
    }
    throw new Error(`no button "${id}" in the last turn`);
  }

  /** The answer a check question gets: the script's, else "I don't know", else the first option. */
  private answerFor(answers: Record<string, string>): string | undefined {
    const active = this.state?.active;
    if (!active) return undefined;
    const given = answers[active.step];
    if (given) return given;
    const choices = this.last?.replies.at(-1)?.choices ?? [];
    const dk = choices.find((c) => c.data.endsWith(':dk'));
    return (dk ?? choices[0])?.data.split(':').slice(1).join(':');
  }

  step(step: Step): void {
    this.now += 60_000;
    if ('advance' in step) {
      this.now += step.advance;
      return;
    }
    if ('answerCheck' in step) {
      // Answer every question of the check in turn, until it leaves the check flow.
      for (let i = 0; i < 60 && this.state?.active?.flow === 'offer-check'; i++) {
        const id = this.answerFor(step.answerCheck);
        if (!id) break;
        this.send({ kind: 'button', data: this.buttonData(id) }, `[${this.state.active.step} → ${id}]`);
      }
      return;
    }
    if ('back' in step) {
      const data = this.last?.replies.at(-1)?.shortcuts?.find((c) => c.data.startsWith('B:'))?.data;
      if (!data) throw new Error('no Back button in the last turn');
      this.send({ kind: 'button', data }, `[back ${data}]`);
      return;
    }
    if ('pick' in step) this.send({ kind: 'button', data: this.buttonData(step.pick) }, `[${step.pick}]`);
    else if ('press' in step) this.send({ kind: 'button', data: step.press }, `[press ${step.press}]`);
    else if ('say' in step)
      this.send({ kind: 'text', text: step.say, ...(step.forwarded ? { forwarded: true } : {}) }, step.say);
    else this.send(step.input, JSON.stringify(step.input));
  }

  private send(input: Input, shown: string): void {
    // Telegram's record of messages, for /forget: as the Telegram channel keeps it.
    const meta: Meta = { now: this.now, messages: telegramMarks(this.messageId++, this.now) };
    if (this.platformLang) meta.platformLang = this.platformLang;
    if (this.withHandoff) meta.newId = () => `t${(++this.ids).toString().padStart(4, '0')}golden`;
    const turn = handle(deps, this.state, input, meta);
    this.last = turn;
    this.state = turn.forget ? null : turn.state;
    this.lines.push(`› ${shown.replace(/\n/g, '\n  ')}`);
    for (const reply of turn.replies) {
      this.lines.push(`« ${reply.text.replace(/\n/g, '\n  ')}`);
      for (const c of reply.choices ?? []) this.lines.push(`  [${c.data}] ${c.label}`);
      for (const c of reply.shortcuts ?? []) this.lines.push(`  » [${c.data}] ${c.label}`);
      if (reply.requestPhone) this.lines.push(`  (share phone: ${reply.requestPhone})`);
      if (reply.removeKeyboard) this.lines.push('  (keyboard removed)');
    }
    for (const effect of turn.effects) this.lines.push(`! ${JSON.stringify(effect)}`);
    if (turn.stats.length > 0) this.lines.push(`# ${JSON.stringify(turn.stats)}`);
    if (turn.button) this.lines.push(`= button ${JSON.stringify(turn.button)}`);
    if (turn.forget) this.lines.push(`= forget, delete from ${turn.deleteFrom}`);
    this.lines.push(`= state ${JSON.stringify(turn.state)}`);
    this.lines.push('');
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

describe('golden transcripts', () => {
  for (const script of SCRIPTS) {
    it(script.name, async () => {
      const talk = new Transcript(script.platformLang, script.at ?? WORKDAY, script.handoff ?? true);
      for (const step of script.steps) talk.step(step);
      await expect(talk.text()).toMatchFileSnapshot(`./transcripts/${script.name}.txt`);
    });
  }
});
