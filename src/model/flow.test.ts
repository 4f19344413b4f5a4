import { describe, expect, it } from 'vitest';
import { FlowDetailSchema, makeFlowDetail, parseFlowDetail, parseValidationErrors, ValidationErrorSchema } from './flow';

const position = { lineStart: 3, lineEnd: 3, columnStart: 9, columnEnd: 14 };
const error = {
  ...position,
  code: 'INVALID_PROPERTY_VALUE',
  type: 'FLOW_JSON_ERROR',
  message: "Invalid value found for property 'type'.",
  pointers: [{ ...position, path: 'screens[0].layout.children[0].type' }],
};

/** One change to a valid error each: every one of them must be refused, as the schema refuses it. */
const malformed: [string, (e: Record<string, unknown>) => unknown, string][] = [
  ['not an object', () => 'oops', 'validationErrors[0]: expected an object, got string'],
  ['an array for an error', () => [], 'validationErrors[0]: expected an object, got array'],
  ['a missing code', ({ code: _, ...e }) => e, 'validationErrors[0].code: expected a string, got undefined'],
  ['a numeric message', (e) => ({ ...e, message: 42 }), 'validationErrors[0].message: expected a string, got number'],
  ['an undefined type', (e) => ({ ...e, type: undefined }), 'validationErrors[0].type: expected a string or null, got undefined'],
  ['a line as text', (e) => ({ ...e, lineStart: '3' }), 'validationErrors[0].lineStart: expected a number or null, got string'],
  ['a NaN column', (e) => ({ ...e, columnEnd: NaN }), 'validationErrors[0].columnEnd: expected a number or null, got NaN'],
  ['an infinite line', (e) => ({ ...e, lineEnd: Infinity }), 'validationErrors[0].lineEnd: expected a number or null, got Infinity'],
  ['no pointers', ({ pointers: _, ...e }) => e, 'validationErrors[0].pointers: expected an array, got undefined'],
  ['a pointer that is null', (e) => ({ ...e, pointers: [null] }), 'validationErrors[0].pointers[0]: expected an object, got null'],
  ['a pointer path that is a number', (e) => ({ ...e, pointers: [{ ...position, path: 7 }] }), 'validationErrors[0].pointers[0].path: expected a string or null, got number'],
  ['a pointer without a column', (e) => ({ ...e, pointers: [{ lineStart: 1, lineEnd: 1, columnEnd: 2, path: null }] }), 'validationErrors[0].pointers[0].columnStart: expected a number or null, got undefined'],
];

describe('parseValidationErrors', () => {
  it('gives what the schema gives for valid errors, keeping only the known fields', () => {
    const errors = [
      { ...error, extra: 'dropped', pointers: [{ ...error.pointers[0], note: 'dropped' }] },
      { code: 'X', type: null, message: '', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] },
    ];
    const parsed = parseValidationErrors(errors);
    expect(parsed).toEqual(errors.map((e) => ValidationErrorSchema.parse(e)));
    expect(parsed[0]).not.toHaveProperty('extra');
    expect(parsed[0]!.pointers[0]).not.toHaveProperty('note');
    // New objects: the answer's own are not handed on.
    expect(parsed[0]).not.toBe(errors[0]);
  });

  it.each(malformed)('refuses %s, saying where, as the schema does', (_, change, message) => {
    const bad = change({ ...error });
    expect(ValidationErrorSchema.safeParse(bad).success).toBe(false);
    expect(() => parseValidationErrors([error, bad].reverse())).toThrow(message);
  });

  it('names the error by its index in the list', () => {
    expect(() => parseValidationErrors([error, error, { ...error, code: null }])).toThrow('validationErrors[2].code: expected a string, got null');
  });

  it('refuses a list that is not an array', () => {
    expect(() => parseValidationErrors({ 0: error })).toThrow('validationErrors: expected an array, got object');
  });
});

describe('parseFlowDetail', () => {
  const detail = makeFlowDetail({ id: '1', name: 'Sign up', status: 'DRAFT', validationErrors: [error, { ...error, code: 'OTHER' }], hasFlowJson: true });

  it('gives what FlowDetailSchema gives', () => {
    const body = JSON.parse(JSON.stringify({ ...detail, unknownField: true }));
    expect(parseFlowDetail(body)).toEqual(FlowDetailSchema.parse(body));
  });

  it('refuses malformed validation errors and malformed other fields', () => {
    expect(() => parseFlowDetail({ ...detail, validationErrors: [error, { ...error, pointers: 'x' }] })).toThrow('validationErrors[1].pointers: expected an array, got string');
    expect(() => parseFlowDetail({ ...detail, validationErrors: undefined })).toThrow('validationErrors: expected an array, got undefined');
    expect(() => parseFlowDetail({ ...detail, hasFlowJson: 'yes' })).toThrow();
    expect(() => parseFlowDetail(null)).toThrow();
  });
});
