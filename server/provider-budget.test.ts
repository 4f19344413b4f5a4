import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../src/lib/request-budget';
import { budgetOf, DEFAULT_UNDOCUMENTED_PROVIDER_BUDGET, parseBudget } from './provider-budget';

describe('default budget for providers without a documented one', () => {
  it('parses <requests>/<seconds> and refuses anything else', () => {
    expect(parseBudget(undefined)).toBeNull();
    expect(parseBudget('600/60')).toEqual({ requests: 600, perMs: 60_000 });
    expect(() => parseBudget('lots')).toThrow(/FLOWDESK_DEFAULT_PROVIDER_BUDGET/);
    expect(() => parseBudget('0/60')).toThrow(/FLOWDESK_DEFAULT_PROVIDER_BUDGET/);
  });

  it('keeps a documented budget, and gives one client without a budget the same default budget every time', () => {
    const documented = new RequestBudget({ limit: 100, windowMs: 60_000, concurrency: 8 });
    expect(budgetOf({ budget: documented }, {})).toBe(documented);
    const client = { budget: null };
    const budget = budgetOf(client, {});
    expect(budgetOf(client, {})).toBe(budget);
    expect(DEFAULT_UNDOCUMENTED_PROVIDER_BUDGET.requests).toBe(600);
  });

  it('the default budget stops starts past its limit within the window', async () => {
    const budget = budgetOf({ budget: null }, { FLOWDESK_DEFAULT_PROVIDER_BUDGET: '3/60' });
    for (let i = 0; i < 3; i++) await budget.schedule(async () => i);
    expect(budget.waitMs()).toBeGreaterThan(59_000);
  });
});
