import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './syntax';

describe('findJsonSyntaxError', () => {
  it('returns null for valid JSON', () => {
    expect(findJsonSyntaxError('{"a":[1,true,null]}')).toBeNull();
  });

  it.each([
    ['{"a":1,}', { offset: 7, line: 1, column: 8, message: 'Expected a property name in double quotes' }],
    ['{\n  "a": 1\n  "b": 2\n}', { offset: 13, line: 3, column: 3, message: "Expected ','" }],
    ['[1, 2', { offset: 5, line: 1, column: 6, length: 0, message: "Expected ']'" }],
    ['{"a": // c\n1}', { offset: 6, line: 1, column: 7, message: 'Comments are not allowed in JSON' }],
    ["{'a':1}", { offset: 1, line: 1, column: 2, message: 'Invalid symbol' }],
    ['', { offset: 0, line: 1, column: 1, length: 0, message: 'Expected a value' }],
  ])('locates the error in %j', (text, expected) => {
    expect(findJsonSyntaxError(text)).toMatchObject(expected);
  });

  it('counts columns in UTF-16 code units', () => {
    expect(findJsonSyntaxError('{"📦":1 "x":2}')).toMatchObject({ line: 1, column: 9 });
  });
});
