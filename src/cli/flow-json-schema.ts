import { z } from 'zod';
import { FlowSchema } from '../domain/flow/schema.js';

/** The JSON Schema of the flow language, for editors' autocompletion on flows/*.yaml. */
export function flowJsonSchema(): string {
  const schema = z.toJSONSchema(FlowSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'tekser flow' }, null, 2)}\n`;
}
