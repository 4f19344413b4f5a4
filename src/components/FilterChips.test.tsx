import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FilterChips } from './FilterChips';

const OPTIONS = [
  { value: 'DRAFT', text: 'DRAFT (3)' },
  { value: 'PUBLISHED', text: 'PUBLISHED (1,204)' },
  { value: '</label><script>alert(1)</script>', text: '</label><script>alert(1)</script> (1)' },
];

function Controlled({ onChange }: { onChange: (values: string[]) => void }) {
  const [selected, setSelected] = useState<string[]>(['PUBLISHED']);
  return (
    <FilterChips
      label="Status filter"
      title="Status"
      options={OPTIONS}
      selected={selected}
      onChange={(values) => {
        onChange(values);
        setSelected(values);
      }}
      dataName="status"
    />
  );
}

describe('FilterChips', () => {
  it('is a labelled group of checkboxes named by their text, the selected ones checked and marked beyond colour', () => {
    render(<Controlled onChange={() => {}} />);
    const group = screen.getByRole('group', { name: 'Status filter' });
    expect(group).toHaveTextContent(/^Status/);
    expect(screen.getByRole('checkbox', { name: 'DRAFT (3)' })).not.toBeChecked();
    const published = screen.getByRole('checkbox', { name: 'PUBLISHED (1,204)' });
    expect(published).toBeChecked();
    expect(published).toHaveAttribute('data-facet', 'status');
    expect(published).toHaveAttribute('data-value', 'PUBLISHED');
    // The check mark, not only the border's colour, tells a selected chip.
    expect(published.nextElementSibling!.querySelector('svg')).not.toBeNull();
    expect(screen.getByRole('checkbox', { name: 'DRAFT (3)' }).nextElementSibling!.querySelector('svg')).toBeNull();
  });

  it('adds a checked value last and removes an unchecked one, from the keyboard too', async () => {
    const onChange = vi.fn();
    render(<Controlled onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'DRAFT (3)' }));
    expect(onChange).toHaveBeenLastCalledWith(['PUBLISHED', 'DRAFT']);
    expect(screen.getByRole('checkbox', { name: 'DRAFT (3)' })).toBeChecked();
    screen.getByRole('checkbox', { name: 'PUBLISHED (1,204)' }).focus();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(['DRAFT']);
    expect(screen.getByRole('checkbox', { name: 'PUBLISHED (1,204)' })).not.toBeChecked();
  });

  it('shows values as text, never as markup', () => {
    render(<Controlled onChange={() => {}} />);
    expect(screen.getByRole('checkbox', { name: '</label><script>alert(1)</script> (1)' })).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
  });
});

describe('FilterChips before the page answers', () => {
  it('shows a click at once, and follows the page once its selection changes', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<FilterChips label="Status filter" options={OPTIONS} selected={[]} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'DRAFT (3)' }));
    // The page has not passed the new selection yet: the chip shows the click anyway.
    expect(onChange).toHaveBeenLastCalledWith(['DRAFT']);
    expect(screen.getByRole('checkbox', { name: 'DRAFT (3)' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'PUBLISHED (1,204)' }));
    expect(onChange).toHaveBeenLastCalledWith(['DRAFT', 'PUBLISHED']);
    // The page's own selection (another link, say) wins over the clicks.
    rerender(<FilterChips label="Status filter" options={OPTIONS} selected={['PUBLISHED']} onChange={onChange} />);
    expect(screen.getByRole('checkbox', { name: 'DRAFT (3)' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'PUBLISHED (1,204)' })).toBeChecked();
  });
});
