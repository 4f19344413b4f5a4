import { describe, expect, it } from 'vitest';
import { makeFlowDetail, type FlowDetail, type Problem, type ValidationError } from '../model/flow';
import seedDetails from '../providers/8x8/seeds/8x8-flow-with-validation-errors.json';
import { toValidationError } from '../providers/validation-error';
import { placeErrors } from './json-positions';
import { describeProblem, ticketText, type TicketInput } from './ticket';

const FLOW_JSON = '{"version":"5.0","screens":[{"id":"ONE","layout":{"children":[{"children":[{"type":"Header","text":"Hello"}],"type":"Form","name":"form"}],"type":"SingleColumnLayout"}}]}';

// The 8x8 seed's error, read through the same normaliser the adapters use.
const seedError: ValidationError = toValidationError(seedDetails.validationErrors[0]!);
const noPosition: ValidationError = { ...seedError, code: 'MISSING', type: null, message: 'Something is missing', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] };

const flow: FlowDetail = makeFlowDetail({
  id: '822625023859371',
  name: 'Example flow',
  status: 'DRAFT',
  categories: ['OTHER'],
  validationErrors: [seedError, noPosition],
  hasFlowJson: true,
});

const problem: Problem = {
  kind: 'provider_error',
  message: 'The provider failed.',
  provider: '8x8',
  upstreamStatus: 500,
  code: 2000,
  providerMessage: 'Internal error',
  errorId: '1cc1eda1-f5dd-ea11-8288-0263195dd35a',
  retryAfterSeconds: null,
};

const input = (overrides: Partial<TicketInput> = {}): TicketInput => ({
  generatedAt: '2026-01-02T03:04:05.000Z',
  link: 'https://desk.example/flows/8x8/acc/chan/822625023859371?error=0',
  providerLabel: '8x8 Chat Apps',
  accountName: 'Retail EU',
  providerAccountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  ref: { accountId: 'retail-eu', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8' },
  channelLabel: 'Retail support',
  flowId: '822625023859371',
  flow,
  verdict: 'Only in draft mode: it can be sent for testing, not to customers.',
  placed: placeErrors(FLOW_JSON, flow.validationErrors).placed,
  syntaxError: null,
  failures: [],
  ...overrides,
});

describe('ticketText', () => {
  it('summarizes provider, account, flow, status and each error with location and snippet', () => {
    expect(ticketText(input())).toBe(
      [
        'Flow Desk: flow summary',
        'Provider: 8x8 Chat Apps',
        'Account: Retail EU (retail-eu, 5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9)',
        'Channel: ec36a867-3dd4-e911-814a-02d85f55fce8 (Retail support)',
        'Flow id: 822625023859371',
        'Flow name: Example flow',
        'Status: DRAFT',
        'Categories: OTHER',
        'Can it send now? Only in draft mode: it can be sent for testing, not to customers.',
        'Health: not reported by 8x8 Chat Apps.',
        'Link: https://desk.example/flows/8x8/acc/chan/822625023859371?error=0',
        'Generated: 2026-01-02T03:04:05.000Z',
        '',
        'Validation errors: 2 (INVALID_PROPERTY_VALUE ×1, MISSING ×1)',
        "1. INVALID_PROPERTY_VALUE (FLOW_JSON_ERROR): Invalid value found for property 'type'.",
        '   Path: screens[0].layout.children[0].children[0].type',
        '   Reported at: line 1, columns 84–92',
        '   In the flow JSON: line 1, columns 84–92 (exact token): "Header"',
        '2. MISSING: Something is missing',
        '   Reported at: no position given',
        '   In the flow JSON: not found.',
        '',
      ].join('\n'),
    );
  });

  it("includes failed calls with the provider's error id, even without details or JSON", () => {
    const text = ticketText(input({ flow: null, verdict: null, placed: null, failures: [{ what: 'Flow details', problem }] }));
    expect(text).toContain('Flow details: could not be loaded (see failed calls).');
    expect(text).not.toContain('Validation errors');
    expect(text).toContain(
      '- Flow details: The provider failed. [provider_error; provider 8x8; HTTP 500; code 2000; provider said: Internal error; error id 1cc1eda1-f5dd-ea11-8288-0263195dd35a]',
    );
  });

  it('says when the JSON was not available, and names the parse error', () => {
    const text = ticketText(
      input({ placed: null, syntaxError: { offset: 66, length: 1, message: "Expected ','", line: 1, column: 67 } }),
    );
    expect(text).toContain("Flow JSON does not parse: Expected ',' at line 1, column 67.");
    expect(text).toContain('   In the flow JSON: not available (the JSON could not be loaded).');
  });

  it('lists health entities that block or limit sending, with the solution link', () => {
    const health = {
      canSendMessage: 'BLOCKED',
      entities: [
        { type: 'FLOW', id: '55', canSendMessage: 'BLOCKED', errors: [{ code: 131000, description: 'endpoint_uri: set it.', possibleSolution: 'https://developers.facebook.com/docs' }], additionalInfo: [] },
        { type: 'WABA', id: '29', canSendMessage: 'AVAILABLE', errors: [], additionalInfo: [] },
        { type: 'APP', id: '11', canSendMessage: 'LIMITED', errors: [], additionalInfo: ['Not subscribed.'] },
      ],
    };
    const text = ticketText(input({ flow: { ...flow, health, validationErrors: [] } }));
    expect(text).toContain(
      ['Health: BLOCKED', '  - FLOW 55: BLOCKED', '    endpoint_uri: set it. (code 131000) Solution: https://developers.facebook.com/docs', '  - APP 11: LIMITED', '    Not subscribed.'].join('\n'),
    );
    expect(text).not.toContain('WABA 29');
    expect(text).toContain('Validation errors: none reported.');
  });

  it('lists at most maxErrors errors and counts the rest', () => {
    const many = Array.from({ length: 5 }, () => seedError);
    const text = ticketText(input({ flow: { ...flow, validationErrors: many }, placed: null, maxErrors: 2 }));
    expect(text).toContain('Validation errors: 5 (INVALID_PROPERTY_VALUE ×5)');
    expect(text.match(/^\d+\. /gm)).toHaveLength(2);
    expect(text).toContain('… and 3 more errors (counted by code above).');
  });

  it('keeps provider text as plain text', () => {
    const text = ticketText(input({ flow: { ...flow, name: '<img src=x onerror=alert(1)>', validationErrors: [] } }));
    expect(text).toContain('Flow name: <img src=x onerror=alert(1)>');
  });
});

describe('describeProblem', () => {
  it('keeps a problem without provider facts short', () => {
    expect(describeProblem({ ...problem, provider: null, upstreamStatus: null, code: null, providerMessage: null, errorId: null, kind: 'timeout', message: 'Too slow.' })).toBe('Too slow. [timeout]');
  });
});

describe('describeProblem with a request id', () => {
  it("quotes Flow Desk's request id beside the provider's error id", () => {
    const text = describeProblem({ ...problem, requestId: '0b6c2f9e-5d1a-4c1e-9a63-1f2e3d4c5b6a' });
    expect(text).toContain(`error id ${problem.errorId}`);
    expect(text).toContain('Flow Desk request id 0b6c2f9e-5d1a-4c1e-9a63-1f2e3d4c5b6a');
  });
});
