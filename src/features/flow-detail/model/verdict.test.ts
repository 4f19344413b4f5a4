import { describe, expect, it } from 'vitest';
import type { Health, HealthEntity, ValidationError } from '../../../model/flow';
import { flowVerdict } from './verdict';

const entity = (type: string, level: string, extra: Partial<HealthEntity> = {}): HealthEntity => ({
  type,
  id: `${type}-1`,
  canSendMessage: level,
  errors: [],
  additionalInfo: [],
  ...extra,
});
const health = (level: string, ...entities: HealthEntity[]): Health => ({ canSendMessage: level, entities });
const available = health('AVAILABLE', entity('FLOW', 'AVAILABLE'), entity('WABA', 'AVAILABLE'));
const error = { code: 'X', type: null, message: 'm', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] } satisfies ValidationError;

const verdict = (status: string, h: Health | null = available, errors: ValidationError[] = []) =>
  flowVerdict({ status, health: h, validationErrors: errors }, 'Kaleyra');

describe('flowVerdict', () => {
  it('answers from the status when health is all available', () => {
    expect(verdict('PUBLISHED')).toMatchObject({ answer: 'yes', healthKnown: true, findings: [] });
    expect(verdict('THROTTLED').answer).toBe('limited');
    expect(verdict('THROTTLED').reasons[0]).toMatch(/10 sends per hour/);
    expect(verdict('BLOCKED').answer).toBe('no');
    expect(verdict('BLOCKED').reasons[0]).toMatch(/cannot be sent or opened/);
    expect(verdict('DEPRECATED').answer).toBe('no');
    expect(verdict('DRAFT').answer).toBe('draft-only');
    expect(verdict('DRAFT').reasons[0]).toMatch(/draft mode/);
    expect(verdict('ARCHIVED')).toMatchObject({ answer: 'unknown' });
  });

  it('lets a blocking health entity override a published status, with its solution', () => {
    const blocked = health(
      'BLOCKED',
      entity('APP', 'LIMITED', { additionalInfo: ['Not subscribed to webhooks.'] }),
      entity('FLOW', 'BLOCKED', { errors: [{ code: 131000, description: 'endpoint_uri: set the endpoint URI', possibleSolution: 'https://developers.facebook.com/x' }] }),
      entity('WABA', 'AVAILABLE'),
    );
    const v = verdict('PUBLISHED', blocked);
    expect(v.answer).toBe('no');
    expect(v.headline).toMatch(/^No/);
    expect(v.findings.map((f) => [f.entity, f.level])).toEqual([
      ['FLOW', 'BLOCKED'],
      ['APP', 'LIMITED'],
    ]);
    expect(v.findings[0]!.details).toEqual([{ text: 'endpoint_uri: set the endpoint URI', code: 131000, solution: 'https://developers.facebook.com/x' }]);
    expect(v.findings[1]!.details).toEqual([{ text: 'Not subscribed to webhooks.', code: null, solution: null }]);
    expect(v.findings[0]!.summary).toBe('FLOW FLOW-1 is BLOCKED: the flow cannot be sent until this is fixed.');
    expect(v.reasons).toContain('Health: overall BLOCKED, because of the entities below.');
  });

  it('limits a published flow when an entity is limited', () => {
    const v = verdict('PUBLISHED', health('LIMITED', entity('APP', 'LIMITED', { additionalInfo: ['info'] })));
    expect(v.answer).toBe('limited');
    expect(v.findings[0]!.summary).toMatch(/APP APP-1 is LIMITED/);
  });

  it('keeps the worse of status and health', () => {
    expect(verdict('DRAFT', health('LIMITED', entity('APP', 'LIMITED'))).answer).toBe('draft-only');
    expect(verdict('THROTTLED', health('BLOCKED', entity('FLOW', 'BLOCKED'))).answer).toBe('no');
    expect(verdict('PUBLISHED', health('SOMETHING')).answer).toBe('unknown');
  });

  it('says so when the provider does not expose health, instead of implying all is well', () => {
    const v = flowVerdict({ status: 'PUBLISHED', health: null, validationErrors: [] }, '8x8 Chat Apps');
    expect(v).toMatchObject({ answer: 'yes', healthKnown: false });
    expect(v.headline).toMatch(/^Probably/);
    expect(v.headline).toMatch(/8x8 Chat Apps does not report health/);
    expect(v.reasons.join('\n')).toMatch(/does not report health status/);
    expect(flowVerdict({ status: 'BLOCKED', health: null, validationErrors: [] }, '8x8').headline).toMatch(/^No/);
  });

  it('mentions validation errors that stop publishing', () => {
    expect(verdict('DRAFT', available, [error, error]).reasons.at(-1)).toBe('2 validation errors: the flow cannot be published until all are fixed.');
  });
});

describe('flowVerdict where the provider does not expose validation errors', () => {
  it('says so instead of implying the flow is clean', () => {
    const v = flowVerdict({ status: 'DRAFT', health: null, validationErrors: [] }, 'Acme', false);
    expect(v.errorsKnown).toBe(false);
    expect(v.reasons.join('\n')).toMatch(/Acme does not expose a flow’s current validation errors, so Flow Desk cannot tell whether this flow’s JSON is valid or can be published/);
    expect(flowVerdict({ status: 'PUBLISHED', health: null, validationErrors: [] }, 'Acme', false).reasons.join('\n')).not.toMatch(/can be published/);
    // Where the provider exposes them, an empty list adds no such sentence.
    const known = flowVerdict({ status: 'DRAFT', health: null, validationErrors: [] }, 'Acme');
    expect(known.errorsKnown).toBe(true);
    expect(known.reasons.join('\n')).not.toMatch(/validation errors/i);
  });
});
