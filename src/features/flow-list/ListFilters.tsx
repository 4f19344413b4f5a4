import { Button, Group, MultiSelect, SegmentedControl, TextInput } from '@mantine/core';
import { HEALTH_LEVELS, KNOWN_CATEGORIES, KNOWN_STATUSES } from '../../model/flow';
import type { ListView } from '../../lib/flow-table/filters';

/** Options are the known values plus any unknown ones the loaded flows carry (never dropped). */
const options = (known: readonly string[], seen: Iterable<string>) => [...new Set([...known, ...seen])];

export function ListFilters({
  view,
  onChange,
  seenStatuses,
  seenCategories,
  showHealth,
}: {
  view: ListView;
  onChange: (change: Partial<ListView>) => void;
  seenStatuses: Iterable<string>;
  seenCategories: Iterable<string>;
  showHealth: boolean;
}) {
  const filtered = view.q || view.status.length || view.category.length || view.health.length || view.errors;
  return (
    <Group align="end" gap="sm">
      <TextInput
        label="Search"
        placeholder="Name or flow id"
        value={view.q}
        onChange={(e) => onChange({ q: e.currentTarget.value })}
        w={240}
        data-testid="flow-search"
      />
      <MultiSelect label="Status" data={options(KNOWN_STATUSES, seenStatuses)} value={view.status} onChange={(status) => onChange({ status })} clearable w={220} placeholder="Any" />
      <MultiSelect label="Category" data={options(KNOWN_CATEGORIES, seenCategories)} value={view.category} onChange={(category) => onChange({ category })} clearable w={240} placeholder="Any" />
      {showHealth && (
        <MultiSelect label="Health" data={[...HEALTH_LEVELS]} value={view.health} onChange={(health) => onChange({ health })} clearable w={200} placeholder="Any" />
      )}
      <SegmentedControl
        aria-label="Validation errors"
        value={view.errors ?? 'any'}
        onChange={(v) => onChange({ errors: v === 'any' ? null : (v as 'with' | 'without') })}
        data={[
          { value: 'any', label: 'Any errors' },
          { value: 'with', label: 'Has errors' },
          { value: 'without', label: 'No errors' },
        ]}
      />
      {filtered && (
        <Button variant="subtle" onClick={() => onChange({ q: '', status: [], category: [], health: [], errors: null })}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
