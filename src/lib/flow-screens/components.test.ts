import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../model/flow';
import { componentPathOf, placeErrorsInComponents, resolveDynamic, textOf } from './components';

const error = (path: string | null): ValidationError => ({ code: 'X', message: 'm', pointers: [{ path }] }) as unknown as ValidationError;

describe('componentPathOf', () => {
  it('finds the innermost component a path points into', () => {
    expect(componentPathOf(['screens', 0, 'layout', 'children', 0, 'type'])).toEqual(['screens', 0, 'layout', 'children', 0]);
    expect(componentPathOf(['screens', 1, 'layout', 'children', 0, 'children', 4, 'on-click-action', 'next', 'name'])).toEqual([
      'screens', 1, 'layout', 'children', 0, 'children', 4,
    ]);
    expect(componentPathOf(['screens', 0, 'layout', 'children', 2, 'then', 1, 'label'])).toEqual(['screens', 0, 'layout', 'children', 2, 'then', 1]);
    expect(componentPathOf(['screens', 0, 'layout', 'children', 2, 'cases', 'a', 0, 'text'])).toEqual(['screens', 0, 'layout', 'children', 2, 'cases', 'a', 0]);
    // An option of a Dropdown's data-source belongs to the Dropdown.
    expect(componentPathOf(['screens', 0, 'layout', 'children', 1, 'data-source', 3, 'title'])).toEqual(['screens', 0, 'layout', 'children', 1]);
  });

  it('returns null outside components', () => {
    expect(componentPathOf(['screens', 0, 'title'])).toBeNull();
    expect(componentPathOf(['version'])).toBeNull();
    expect(componentPathOf(['screens', 0, 'layout', 'type'])).toBeNull();
  });
});

describe('placeErrorsInComponents', () => {
  it('places errors on components, on screens, or nowhere', () => {
    const places = placeErrorsInComponents([
      error('screens[0].layout.children[0].type'),
      error('version'),
      error('screens[2].colour'),
      error('screens [0]. layout.children[0].label'),
      error(null),
    ]);
    expect([...places.byComponent]).toEqual([['screens/0/layout/children/0', [0, 3]]]);
    expect([...places.byScreen]).toEqual([[2, [2]]]);
  });
  it('places an error without a pointer path by the path its position points at', () => {
    const errors = [error(null), error('version'), error(null)];
    const byPosition = new Map([
      [0, ['screens', 1, 'layout', 'children', 0, 'children', 2, 'label']],
      [1, ['screens', 0, 'layout', 'children', 0]],
    ]);
    const places = placeErrorsInComponents(errors, undefined, byPosition);
    // A reported pointer path wins over the position's.
    expect([...places.byComponent]).toEqual([['screens/1/layout/children/0/children/2', [0]]]);
    expect(places.byScreen.size).toBe(0);
  });
  it('places only the given errors when asked', () => {
    const errors = [error('screens[0].layout.children[0].type'), error('screens[1].title'), error('screens[0].layout.children[1].label')];
    const places = placeErrorsInComponents(errors, [2, 1]);
    expect([...places.byComponent]).toEqual([['screens/0/layout/children/1', [2]]]);
    expect([...places.byScreen]).toEqual([[1, [1]]]);
  });
});

describe('resolveDynamic', () => {
  const data = { name: { type: 'string', __example__: 'Ada' }, items: { type: 'array', __example__: [{ id: '1', title: 'One' }] }, bare: { type: 'string' } };
  it('uses the example where given, else keeps the expression', () => {
    expect(resolveDynamic('${data.items}', data)).toEqual([{ id: '1', title: 'One' }]);
    expect(resolveDynamic('Hello ${data.name} and ${data.bare}', data)).toBe('Hello Ada and ${data.bare}');
    expect(resolveDynamic('${form.x}', data)).toBe('${form.x}');
    expect(resolveDynamic('${data.name}', undefined)).toBe('${data.name}');
    expect(resolveDynamic(3, data)).toBe(3);
  });
  it('turns values into text', () => {
    expect(textOf(['a', 'b'], data)).toBe('a\nb');
    expect(textOf(undefined, data)).toBe('');
    expect(textOf('${data.name}', data)).toBe('Ada');
  });
});
