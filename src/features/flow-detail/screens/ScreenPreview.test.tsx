import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { placeErrorsInComponents } from '../../../lib/flow-screens';
import type { ValidationError } from '../../../model/flow';
import { ScreenPreview } from './ScreenPreview';

afterEach(cleanup);

const error = (path: string, message = 'Bad value'): ValidationError => ({ code: 'INVALID_PROPERTY_VALUE', message, pointers: [{ path }] }) as unknown as ValidationError;

const screen = {
  id: 'FORM',
  title: 'Sign up',
  data: { greeting: { type: 'string', __example__: 'Hi Ada' }, options: { type: 'array', __example__: [{ id: 'a', title: 'Apples' }] } },
  layout: {
    type: 'SingleColumnLayout',
    children: [
      { type: 'TextHeading', text: '</script><script>window.__pwned = 1</script>' },
      { type: 'TextBody', text: '${data.greeting}, ${data.missing}' },
      { type: 'TextHeadline', text: 'Welcome' },
      {
        type: 'Form',
        name: 'f',
        children: [
          { type: 'TextInput', name: 'n', label: 'Name', 'input-type': 'txt' },
          { type: 'Dropdown', name: 'd', label: 'Fruit', 'data-source': '${data.options}' },
        ],
      },
    ],
  },
};

function renderPreview(errors: ValidationError[], onSelectComponent = vi.fn()) {
  const view = render(
    <MantineProvider>
      <ScreenPreview screen={screen} screenIndex={0} errors={errors} places={placeErrorsInComponents(errors)} selectedError={null} onSelectComponent={onSelectComponent} />
    </MantineProvider>,
  );
  return { ...view, onSelectComponent };
}

describe('ScreenPreview', () => {
  it('renders text from the JSON as text, never as markup', () => {
    const { container, getByText } = renderPreview([]);
    expect(getByText('</script><script>window.__pwned = 1</script>')).toBeTruthy();
    expect(container.querySelector('script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows examples for dynamic values and keeps expressions without one', () => {
    const { getByText } = renderPreview([]);
    expect(getByText('Hi Ada, ${data.missing}')).toBeTruthy();
    expect(getByText(/Apples/)).toBeTruthy();
  });

  it('shows an unknown component as a placeholder naming its type, with its text', () => {
    const { getByText } = renderPreview([]);
    expect(getByText('Unknown component: TextHeadline')).toBeTruthy();
    expect(getByText('Welcome')).toBeTruthy();
  });

  it('marks the component each error points into with the error index and message', () => {
    const errors = [
      error('screens[0].layout.children[2].type', 'Invalid type'),
      error('screens[0].layout.children[3].children[0].input-type'),
      error('screens[0].layout.children[3].children[1].label'),
    ];
    const { container } = renderPreview(errors);
    const at = (i: number) => container.querySelector(`[data-preview-error="${i}"]`)!;
    expect(at(0).textContent).toContain('Welcome');
    expect(at(0).textContent).toContain('Error #1: INVALID_PROPERTY_VALUE: Invalid type');
    expect(at(1).textContent).toContain('Name');
    expect(at(1).textContent).not.toContain('Fruit');
    expect(at(2).textContent).toContain('Fruit');
    // The Form holding both is not itself marked.
    expect(container.querySelectorAll('[data-preview-error]')).toHaveLength(3);
  });

  it('reports a clicked component with its first error, or with none', () => {
    const errors = [error('screens[0].layout.children[3].children[1].label')];
    const { getByText, onSelectComponent } = renderPreview(errors);
    fireEvent.click(getByText('Fruit'));
    expect(onSelectComponent).toHaveBeenLastCalledWith(['screens', 0, 'layout', 'children', 3, 'children', 1], 0);
    fireEvent.keyDown(getByText('Hi Ada, ${data.missing}').closest('[role="button"]')!, { key: 'Enter' });
    expect(onSelectComponent).toHaveBeenLastCalledWith(['screens', 0, 'layout', 'children', 1], null);
  });

  it('summarises a huge image instead of decoding it', () => {
    const huge = { ...screen, layout: { type: 'SingleColumnLayout', children: [{ type: 'Image', src: 'A'.repeat(1_200_000), width: 100, height: 50 }] } };
    const { container, getByText } = render(
      <MantineProvider>
        <ScreenPreview screen={huge} screenIndex={0} errors={[]} places={placeErrorsInComponents([])} selectedError={null} onSelectComponent={() => {}} />
      </MantineProvider>,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(getByText(/Image of \d+ KB, not shown/)).toBeTruthy();
  });

  it('keeps the same phone while the screen is read, empty and busy, and shows it when it comes', () => {
    const errors = [error('screens[0].layout.children[3].children[0].input-type')];
    const props = { screenIndex: 0, errors, places: placeErrorsInComponents(errors), selectedError: 0, onSelectComponent: vi.fn() };
    const view = render(
      <MantineProvider>
        <ScreenPreview screen={undefined} reading {...props} />
      </MantineProvider>,
    );
    const phone = view.getByRole('region', { name: 'Preview of screen 0' });
    expect(phone).toHaveAttribute('aria-busy', 'true');
    expect(phone).toBeEmptyDOMElement();
    view.rerender(
      <MantineProvider>
        <ScreenPreview screen={screen} {...props} />
      </MantineProvider>,
    );
    expect(view.getByRole('region', { name: 'Preview of screen FORM' })).toBe(phone);
    expect(phone).not.toHaveAttribute('aria-busy');
    expect(phone.querySelector('[data-preview-error="0"]')).toHaveTextContent('Name');
  });
});
