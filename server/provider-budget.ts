/**
 * Request budgets for providers that document none. An adapter states its provider's budget
 * (its `rateLimit`, enforced as `client.budget`); a provider client without a
 * budget gets this conservative one on the server, so no browser (a list that keeps handing out
 * cursors, a script) can make Flow Desk hammer a provider with its key.
 *
 * The numbers per provider belong in the provider's folder; until they move there, this default
 * applies to every provider client whose `budget` is null. FLOWDESK_DEFAULT_PROVIDER_BUDGET
 * (`<requests>/<seconds>`, e.g. `600/60`) overrides it.
 */
import { RequestBudget } from '../src/lib/request-budget';
import { clockOf } from './http/clock';

export const DEFAULT_UNDOCUMENTED_PROVIDER_BUDGET = { requests: 600, perMs: 60_000, concurrency: 16 } as const;

export function parseBudget(value: string | undefined): { requests: number; perMs: number } | null {
  if (!value?.trim()) return null;
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,5})\s*$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error('FLOWDESK_DEFAULT_PROVIDER_BUDGET must be <requests>/<seconds>, e.g. 600/60.');
  }
  return { requests: Number(match[1]), perMs: Number(match[2]) * 1000 };
}

const defaults = new WeakMap<object, RequestBudget>();

/** The client's documented budget, or the default one (created once per client). */
export function budgetOf(client: { budget: RequestBudget | null }, env: Record<string, string | undefined> = process.env): RequestBudget {
  if (client.budget) return client.budget;
  let budget = defaults.get(client);
  if (!budget) {
    const configured = parseBudget(env.FLOWDESK_DEFAULT_PROVIDER_BUDGET) ?? DEFAULT_UNDOCUMENTED_PROVIDER_BUDGET;
    budget = new RequestBudget({
      limit: configured.requests,
      windowMs: configured.perMs,
      concurrency: DEFAULT_UNDOCUMENTED_PROVIDER_BUDGET.concurrency,
      clock: clockOf(client),
    });
    defaults.set(client, budget);
  }
  return budget;
}
