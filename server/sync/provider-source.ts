/**
 * What the background sync reads from a provider, through the same signed, paced and retried
 * client as the proxy: every page of a channel's list (bounded), and one flow's details.
 */
import type { FlowDetail, FlowSummary, Problem } from '../../src/model/flow';
import type { AccountRuntime } from '../accounts';
import { fetchDetail, isProblem, parseWith } from '../proxy';
import { getFromProvider } from '../upstream';

/** A list longer than this many pages, or flows, is cut there (and says so): a provider that pages forever must not hold a sync forever. */
export const SYNC_LIST_BOUNDS = { pages: 200, flows: 100_000 };

/** A failed provider call, carrying the Problem the UI shows for it. */
export class ProviderProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'ProviderProblemError';
  }
}

export function providerSource(accounts: Map<string, AccountRuntime>) {
  const clientOf = (accountId: string) => {
    const account = accounts.get(accountId);
    if (!account) throw new Error(`There is no account "${accountId}".`);
    return account.client;
  };
  return {
    async listFlows(ref: { accountId: string; channelId: string }): Promise<FlowSummary[]> {
      const client = clientOf(ref.accountId);
      const flows: FlowSummary[] = [];
      const seen = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < SYNC_LIST_BOUNDS.pages; page++) {
        const result = await getFromProvider(client, client.adapter.listFlows(client.account, ref.channelId, cursor));
        if (!result.ok) throw new ProviderProblemError(result.problem);
        const parsed = parseWith(client, result.body, (b) => client.adapter.parseFlowPage(b));
        if (isProblem(parsed)) throw new ProviderProblemError(parsed.problem);
        flows.push(...parsed.flows);
        cursor = parsed.next;
        if (!cursor || seen.has(cursor) || flows.length >= SYNC_LIST_BOUNDS.flows) break;
        seen.add(cursor);
      }
      return flows.slice(0, SYNC_LIST_BOUNDS.flows);
    },
    async getFlow(ref: { accountId: string; channelId: string }, flowId: string): Promise<FlowDetail> {
      const client = clientOf(ref.accountId);
      const detail = await fetchDetail(client, ref, flowId);
      if (isProblem(detail)) throw new ProviderProblemError(detail.problem);
      return detail.flow;
    },
  };
}
