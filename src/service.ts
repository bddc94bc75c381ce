// Moved to src/app/dialogue-service.ts, which takes its dependencies as one object. This path, with the
// old positional constructor, stays for code on other branches (src/tools/bench.ts, test/helpers) until
// they construct the new one. Delete once nothing imports it.
import { DialogueService as Service } from './app/dialogue-service.js';
import type { DialogueDeps } from './domain/dialogue/index.js';
import type { Logger } from './infra/logger.js';
import type { Metrics } from './infra/metrics.js';
import type { Store } from './store/store.js';

export type { TurnResult } from './app/dialogue-service.js';

/** @deprecated `new DialogueService({ deps, store, log, metrics })` from src/app/dialogue-service.ts. */
export class DialogueService extends Service {
  constructor(deps: DialogueDeps, store: Store, log: Logger, metrics?: Metrics) {
    super({ deps, store, log, metrics });
  }
}
