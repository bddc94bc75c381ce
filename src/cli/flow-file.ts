import { LineCounter, parseDocument } from 'yaml';
import type { Flow } from '../domain/flow/schema.js';
import { FlowSchema } from '../domain/flow/schema.js';
import type { FlowProblem } from '../domain/flow/validate.js';

/** One flow file read for checking: the flow when it is sound, and where in the file a problem lies. */
export interface FlowFile {
  flow?: Flow;
  /** Schema and YAML problems, each `file:line:column: problem`. */
  problems: string[];
  /** `file:line:column` of a problem that `validateFlows` found in this flow. */
  where(problem: FlowProblem): string;
}

type Path = readonly PropertyKey[];

/**
 * Reads a flow as `parseFlow` does (YAML, then the flow schema), keeping the YAML document and its line
 * counter, so every problem names the line and column an editor jumps to.
 */
export function readFlowFile(text: string, file: string): FlowFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  /** The deepest node on the path that exists: a missing key is shown at the map that lacks it. */
  const locate = (path: Path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] };
      if (node?.range) return at(node.range[0]);
    }
    return at(0);
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `${at(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`);
    return { problems, where: () => at(0) };
  }
  const parsed = FlowSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${locate(i.path)}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
    );
    return { problems, where: () => at(0) };
  }
  const flow = parsed.data;
  return {
    flow,
    problems: [],
    // validateFlows names the step (and the option) in its sentence; the last step of that id is the one
    // a "defined twice" problem is about.
    where: (p) => {
      const named = /^step "([^"]*)"(?:, option "([^"]*)")?/.exec(p.problem);
      if (!named) return at(0);
      const step = flow.steps.findLastIndex((s) => s.id === named[1]);
      if (step < 0) return at(0);
      const found = flow.steps[step];
      const option =
        named[2] !== undefined && found?.kind === 'choice'
          ? found.options.findLastIndex((o) => o.id === named[2])
          : -1;
      return locate(option >= 0 ? ['steps', step, 'options', option] : ['steps', step]);
    },
  };
}
