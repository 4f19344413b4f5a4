import { describe, expect, it } from 'vitest';
import { comparableTexts, looksMinified } from './compareText';

const doc = { version: '6.0', screens: [{ id: 'ONE', layout: { children: [{ type: 'TextHeading', text: 'Welcome to our shop, please sign up' }] } }] };

describe('comparableTexts', () => {
  it('pretty-prints both sides when one is minified, so one edit is one changed line', () => {
    const a = JSON.stringify(doc);
    const b = JSON.stringify(doc, null, 2).replace('Welcome', 'Hello');
    const out = comparableTexts(a, b);
    expect(out.formatted).toBe(true);
    const la = out.a.split('\n');
    const lb = out.b.split('\n');
    expect(la.length).toBe(lb.length);
    expect(la.filter((line, i) => line !== lb[i]).map((l) => l.trim())).toEqual(['"text": "Welcome to our shop, please sign up"']);
  });

  it('leaves pretty-printed texts as they are', () => {
    const a = JSON.stringify(doc, null, 4);
    expect(comparableTexts(a, a)).toEqual({ a, b: a, formatted: false });
  });

  it('compares invalid JSON as it is', () => {
    const a = '{"x":' + '1'.repeat(300);
    const b = JSON.stringify(doc);
    expect(comparableTexts(a, b)).toEqual({ a, b, formatted: false });
  });

  it('tells minified from pretty-printed text', () => {
    expect(looksMinified(JSON.stringify(doc))).toBe(true);
    expect(looksMinified(JSON.stringify(doc, null, 2))).toBe(false);
    expect(looksMinified('{}')).toBe(false);
  });
});
