/** A flow list row: the list's summary merged with whatever details have been loaded. */
import type { ChannelInfo, FlowDetail, FlowSummary, Health } from '../../model/flow';

export type DetailState = 'in-list' | 'loaded' | 'not-loaded';

export interface FlowRow {
  channel: ChannelInfo;
  id: string;
  name: string;
  status: string;
  categories: string[] | undefined;
  /** `null` when the provider does not report a flow's current validation errors; undefined while unknown. */
  errorCount: number | null | undefined;
  /** `null` when the provider has no health at all; undefined while unknown. */
  health: Health | null | undefined;
  details: DetailState;
  /** Lower-cased name and id, precomputed once so a keystroke filters 100,000 rows quickly. */
  searchText: string;
}

export function toRow(channel: ChannelInfo, summary: FlowSummary, detail: FlowDetail | undefined): FlowRow {
  const categories = detail?.categories ?? summary.categories;
  const errorCount = !channel.account.capabilities.validationErrors ? null : detail ? detail.validationErrors.length : summary.validationErrorCount;
  const health = !channel.account.capabilities.health ? null : (detail?.health ?? summary.health);
  return {
    channel,
    id: summary.id,
    name: detail?.name ?? summary.name,
    status: detail?.status ?? summary.status,
    categories,
    errorCount,
    health,
    details: detail ? 'loaded' : channel.account.capabilities.listCarriesDetails ? 'in-list' : 'not-loaded',
    searchText: `${summary.name}\u0000${summary.id}`.toLowerCase(),
  };
}

/** Whether a row still lacks fields its provider only gives in the details call. */
export function needsDetails(row: FlowRow): boolean {
  if (row.details === 'loaded') return false;
  return row.categories === undefined || row.errorCount === undefined || (row.channel.account.capabilities.health && row.health === undefined);
}
