/**
 * "Can this flow send right now?", from the flow's status and the provider's health status
 * (Meta's rules: THROTTLED allows 10 sends an hour, BLOCKED cannot be sent or opened,
 * DEPRECATED cannot be sent, DRAFT only in draft mode; a BLOCKED health entity blocks sending,
 * a LIMITED one limits it). Where the provider does not expose health, or a flow's current
 * validation errors, the verdict says so instead of implying all is well.
 */
import type { FlowDetail, HealthEntity } from '../../../model/flow';

export type VerdictAnswer = 'yes' | 'limited' | 'draft-only' | 'unknown' | 'no';

export interface HealthFinding {
  entity: string;
  id: string | null;
  level: string;
  /** What this entity's level means for sending, in one sentence. */
  summary: string;
  /** Error descriptions (BLOCKED) or additional information (LIMITED), as the provider wrote them. */
  details: { text: string; code: string | number | null; solution: string | null }[];
}

export interface Verdict {
  answer: VerdictAnswer;
  /** One line that answers the question, in words (never only a colour). */
  headline: string;
  /** Why, one plain sentence each (health entities that block or limit are in `findings`). */
  reasons: string[];
  /** The health entities that block or limit sending, worst first. */
  findings: HealthFinding[];
  /** False when the provider does not report health, so an endpoint or app problem would not show. */
  healthKnown: boolean;
  /** False when the provider does not report a flow's current validation errors, so an empty list proves nothing. */
  errorsKnown: boolean;
}

const RANK: Record<VerdictAnswer, number> = { yes: 0, limited: 1, 'draft-only': 2, unknown: 3, no: 4 };
const worst = (a: VerdictAnswer, b: VerdictAnswer) => (RANK[b] > RANK[a] ? b : a);

function fromStatus(status: string): { answer: VerdictAnswer; reason: string } {
  switch (status) {
    case 'PUBLISHED':
      return { answer: 'yes', reason: 'Status PUBLISHED: the flow can be sent to customers.' };
    case 'THROTTLED':
      return { answer: 'limited', reason: 'Status THROTTLED: endpoint health monitoring limits it to 10 sends per hour.' };
    case 'BLOCKED':
      return { answer: 'no', reason: 'Status BLOCKED: endpoint health monitoring blocked it; it cannot be sent or opened.' };
    case 'DEPRECATED':
      return { answer: 'no', reason: 'Status DEPRECATED: it cannot be sent or opened, and cannot be restored.' };
    case 'DRAFT':
      return { answer: 'draft-only', reason: 'Status DRAFT: it can only be sent in draft mode ("mode": "draft"), for testing; publish it to send it to customers.' };
    default:
      return { answer: 'unknown', reason: `Status ${status} is not one Flow Desk knows, so it cannot tell what it allows.` };
  }
}

function healthAnswer(level: string): VerdictAnswer {
  if (level === 'AVAILABLE') return 'yes';
  if (level === 'LIMITED') return 'limited';
  if (level === 'BLOCKED') return 'no';
  return 'unknown';
}

function finding(entity: HealthEntity): HealthFinding {
  const details = [
    ...entity.errors.map((e) => ({ text: e.description, code: e.code, solution: e.possibleSolution })),
    ...entity.additionalInfo.map((text) => ({ text, code: null, solution: null })),
  ];
  const what = `${entity.type}${entity.id ? ` ${entity.id}` : ''}`;
  const summary =
    entity.canSendMessage === 'BLOCKED'
      ? `${what} is BLOCKED: the flow cannot be sent until this is fixed.`
      : entity.canSendMessage === 'LIMITED'
        ? `${what} is LIMITED: sending works, with limits.`
        : `${what} reports ${entity.canSendMessage}, a level Flow Desk does not know.`;
  return { entity: entity.type, id: entity.id, level: entity.canSendMessage, summary, details };
}

const HEADLINES: Record<VerdictAnswer, string> = {
  yes: 'Yes: this flow can be sent now.',
  limited: 'Limited: this flow can be sent, with limits.',
  'draft-only': 'Only in draft mode: it can be sent for testing, not to customers.',
  unknown: 'Unknown: Flow Desk cannot tell whether this flow can be sent.',
  no: 'No: this flow cannot be sent now.',
};

export function flowVerdict(
  flow: Pick<FlowDetail, 'status' | 'health' | 'validationErrors'>,
  providerLabel: string,
  /** The account's `capabilities.validationErrors`: whether the provider reports a flow's current validation errors. */
  errorsExposed = true,
): Verdict {
  const status = fromStatus(flow.status);
  let answer = status.answer;
  const reasons = [status.reason];
  const findings: HealthFinding[] = [];
  const { health } = flow;

  if (health) {
    const overall = healthAnswer(health.canSendMessage);
    answer = worst(answer, overall);
    const flagged = health.entities
      .filter((e) => e.canSendMessage !== 'AVAILABLE')
      .sort((a, b) => RANK[healthAnswer(b.canSendMessage)] - RANK[healthAnswer(a.canSendMessage)]);
    findings.push(...flagged.map(finding));
    for (const e of flagged) answer = worst(answer, healthAnswer(e.canSendMessage));
    if (overall === 'yes' && flagged.length === 0) reasons.push('Health: every entity (flow, WhatsApp Business Account, business, app) is AVAILABLE.');
    if (findings.length > 0) reasons.push(`Health: overall ${health.canSendMessage}, because of the entities below.`);
    if (overall === 'unknown' && findings.length === 0) reasons.push(`Health: overall level ${health.canSendMessage} is not one Flow Desk knows.`);
  } else {
    reasons.push(
      `Health: ${providerLabel} does not report health status, so a blocked endpoint, app or account would not show here. Check the flow in Meta's WhatsApp Manager to be sure.`,
    );
  }

  const errorCount = flow.validationErrors.length;
  if (!errorsExposed && errorCount === 0) {
    reasons.push(
      `Validation errors: ${providerLabel} does not expose a flow’s current validation errors, so Flow Desk cannot tell whether this flow’s JSON is valid${flow.status === 'DRAFT' ? ' or can be published' : ''}.`,
    );
  } else if (errorCount > 0) {
    const noun = errorCount === 1 ? '1 validation error' : `${errorCount} validation errors`;
    reasons.push(
      flow.status === 'DRAFT'
        ? `${noun}: the flow cannot be published until all are fixed.`
        : `${noun} reported on the flow JSON.`,
    );
  }

  let headline = HEADLINES[answer];
  if (!health && answer === 'yes') headline = `Probably: the flow is published, but ${providerLabel} does not report health, so Flow Desk cannot confirm it.`;
  return { answer, headline, reasons, findings, healthKnown: health !== null, errorsKnown: errorsExposed };
}
