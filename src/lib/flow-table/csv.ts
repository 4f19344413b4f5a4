/** The current view as CSV (RFC 4180), safe to open in a spreadsheet. */
import { healthLevel } from './filters';
import type { FlowRow } from './rows';

const HEADER = ['provider', 'account', 'channel', 'flow_id', 'name', 'status', 'categories', 'validation_errors', 'health', 'health_entities'];

function cell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly FlowRow[]): string {
  const lines = rows.map((r) =>
    [
      r.channel.account.provider,
      r.channel.accountId,
      r.channel.channelId,
      r.id,
      r.name,
      r.status,
      r.categories?.join(' ') ?? '',
      r.errorCount == null ? '' : String(r.errorCount),
      healthLevel(r) ?? '',
      r.health ? r.health.entities.map((e) => `${e.type}:${e.canSendMessage}`).join(' ') : '',
    ]
      .map(cell)
      .join(','),
  );
  return [HEADER.join(','), ...lines].join('\r\n') + '\r\n';
}
