import { describe, expect, it } from 'vitest';
import { META_SAMPLE, validationError } from './fixtures/flows';
import { screenOfError } from './locate';
import { screenIdsOf } from './screens';

describe('screenIdsOf', () => {
  it('lists screen ids in order', () => {
    expect(screenIdsOf(META_SAMPLE)).toEqual(['WELCOME_SCREEN']);
    expect(screenIdsOf('{"screens":[{"id":"A"},{},{"id":3},null]}')).toEqual(['A', null, null, null]);
  });

  it('returns [] for non-flows and invalid JSON', () => {
    expect(screenIdsOf('{"screens":{}}')).toEqual([]);
    expect(screenIdsOf('null')).toEqual([]);
    expect(screenIdsOf('{')).toEqual([]);
  });
});

describe('screenOfError', () => {
  it('uses the first parsable pointer path', () => {
    const pointer = (path: string | null) => ({ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path });
    expect(screenOfError(validationError({ pointers: [pointer('bad['), pointer('$root/screens/2/id')] }))).toBe(2);
    expect(screenOfError(validationError({ pointers: [pointer('version')] }))).toBeNull();
    expect(screenOfError(validationError())).toBeNull();
  });
});
