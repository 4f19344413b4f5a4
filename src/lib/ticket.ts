/**
 * "Copy for ticket": a plain-text summary of a flow that support staff paste into a ticket or
 * send to the provider: provider, account, flow, status, each validation error with where it is
 * and what it covers, and the provider's error id of every call that failed.
 */
import type { ChannelRef, FlowDetail, Problem } from '../model/flow';
import { describePlaced, describeReported, LOCATED_HOW_LABEL, type JsonSyntaxError, type PlacedError } from './json-positions';

export interface TicketFailure {
  /** What failed, e.g. "Flow details" or "Flow JSON download". */
  what: string;
  problem: Problem;
}

export interface TicketInput {
  /** ISO time the summary was made. */
  generatedAt: string;
  /** A link that opens this view in Flow Desk. */
  link: string | null;
  providerLabel: string;
  /** False when the provider does not report a flow's current validation errors (the account's capabilities). */
  errorsExposed?: boolean;
  /** The account's name in Flow Desk, and the provider's own id of it where there is one. */
  accountName: string;
  providerAccountId: string | null;
  ref: ChannelRef;
  channelLabel: string | null;
  flowId: string;
  /** Null when the details could not be loaded. */
  flow: FlowDetail | null;
  /** The "can it send" answer in one line. */
  verdict: string | null;
  /** Each error's placement in the downloaded text, by error index; null without the JSON. */
  placed: readonly (PlacedError | undefined)[] | null;
  syntaxError: JsonSyntaxError | null;
  failures: readonly TicketFailure[];
  /** Errors listed one by one; the rest are counted by code. Default 200. */
  maxErrors?: number;
}

const DEFAULT_MAX_ERRORS = 200;

/** Problem in one line: message, then the provider's own words and ids to quote. */
export function describeProblem(p: Problem): string {
  const facts = [
    p.provider ? `provider ${p.provider}` : null,
    p.upstreamStatus != null ? `HTTP ${p.upstreamStatus}` : null,
    p.code != null ? `code ${p.code}` : null,
    p.providerMessage ? `provider said: ${p.providerMessage}` : null,
    p.errorId ? `error id ${p.errorId}` : null,
    p.requestId ? `Flow Desk request id ${p.requestId}` : null,
  ].filter((f) => f !== null);
  return `${p.message} [${p.kind}${facts.length ? `; ${facts.join('; ')}` : ''}]`;
}

function codeSummary(flow: FlowDetail): string {
  const counts = new Map<string, number>();
  for (const e of flow.validationErrors) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
}

function errorLines(input: TicketInput, flow: FlowDetail): string[] {
  const errors = flow.validationErrors;
  if (errors.length === 0 && input.errorsExposed === false) return [`Validation errors: not known (${input.providerLabel} does not expose a flow’s current validation errors).`];
  if (errors.length === 0) return ['Validation errors: none reported.'];
  const max = input.maxErrors ?? DEFAULT_MAX_ERRORS;
  const lines = [`Validation errors: ${errors.length} (${codeSummary(flow)})`];
  errors.slice(0, max).forEach((e, i) => {
    lines.push(`${i + 1}. ${e.code}${e.type ? ` (${e.type})` : ''}: ${e.message}`);
    const paths = e.pointers.map((p) => p.path).filter((p): p is string => !!p);
    if (paths.length) lines.push(`   Path: ${paths.join(' | ')}`);
    lines.push(`   Reported at: ${describeReported(e) ?? 'no position given'}`);
    const placed = input.placed?.[i];
    if (!input.placed) lines.push('   In the flow JSON: not available (the JSON could not be loaded).');
    else if (!placed) lines.push('   In the flow JSON: still being located.');
    else if (placed.how === 'unlocated') lines.push('   In the flow JSON: not found.');
    else lines.push(`   In the flow JSON: ${describePlaced(placed)} (${LOCATED_HOW_LABEL[placed.how]}): ${placed.snippet}`);
  });
  if (errors.length > max) lines.push(`… and ${errors.length - max} more errors (counted by code above).`);
  return lines;
}

function healthLines(flow: FlowDetail, providerLabel: string): string[] {
  if (!flow.health) return [`Health: not reported by ${providerLabel}.`];
  const lines = [`Health: ${flow.health.canSendMessage}`];
  for (const e of flow.health.entities) {
    if (e.canSendMessage === 'AVAILABLE' && e.errors.length === 0 && e.additionalInfo.length === 0) continue;
    lines.push(`  - ${e.type}${e.id ? ` ${e.id}` : ''}: ${e.canSendMessage}`);
    for (const err of e.errors) {
      lines.push(`    ${err.description}${err.code != null ? ` (code ${err.code})` : ''}${err.possibleSolution ? ` Solution: ${err.possibleSolution}` : ''}`);
    }
    for (const info of e.additionalInfo) lines.push(`    ${info}`);
  }
  return lines;
}

export function ticketText(input: TicketInput): string {
  const { flow, ref } = input;
  const lines = [
    'Flow Desk: flow summary',
    `Provider: ${input.providerLabel}`,
    `Account: ${input.accountName} (${ref.accountId}${input.providerAccountId ? `, ${input.providerAccountId}` : ''})`,
    `Channel: ${ref.channelId}${input.channelLabel ? ` (${input.channelLabel})` : ''}`,
    `Flow id: ${input.flowId}`,
  ];
  if (flow) {
    lines.push(`Flow name: ${flow.name}`, `Status: ${flow.status}`);
    if (flow.categories.length) lines.push(`Categories: ${flow.categories.join(', ')}`);
  } else {
    lines.push('Flow details: could not be loaded (see failed calls).');
  }
  if (input.verdict) lines.push(`Can it send now? ${input.verdict}`);
  if (flow) lines.push(...healthLines(flow, input.providerLabel));
  if (input.link) lines.push(`Link: ${input.link}`);
  lines.push(`Generated: ${input.generatedAt}`);

  if (input.syntaxError) {
    const s = input.syntaxError;
    lines.push('', `Flow JSON does not parse: ${s.message} at line ${s.line}, column ${s.column}.`);
  }
  if (flow) lines.push('', ...errorLines(input, flow));
  if (input.failures.length) {
    lines.push('', 'Failed calls:');
    for (const f of input.failures) lines.push(`- ${f.what}: ${describeProblem(f.problem)}`);
  }
  return `${lines.join('\n')}\n`;
}
