import { describe, expect, it } from 'vitest';
import { PAGES } from './pages';
import { loadPage } from './router';

describe('the pages table', () => {
  it('names, for every page, a module the router loads and the component it exports', async () => {
    for (const { module, component } of PAGES) {
      const { Component } = await loadPage(module, component);
      expect(typeof Component, module).toBe('function');
    }
  });

  it('fails clearly for a module or a component that does not exist', async () => {
    await expect(loadPage('src/features/nothing/NothingPage.tsx', 'NothingPage')).rejects.toThrow('The page module src/features/nothing/NothingPage.tsx does not export NothingPage.');
    await expect(loadPage(PAGES[0].module, 'Missing')).rejects.toThrow('does not export Missing');
  });
});
