import { Button, Group, Stack, TextInput } from '@mantine/core';
import { ErrorsFilter } from '../../components/ErrorsFilter';
import { FilterChips } from '../../components/FilterChips';
import { HEALTH_LEVELS, KNOWN_CATEGORIES, KNOWN_STATUSES } from '../../model/flow';
import type { ListView } from '../../lib/flow-table/filters';

/** Options are the known values plus any unknown ones the loaded flows carry (never dropped). */
const options = (known: readonly string[], seen: Iterable<string>) => [...new Set([...known, ...seen])];

function ChipFilter({ label, values, selected, onChange }: { label: string; values: string[]; selected: string[]; onChange: (v: string[]) => void }) {
  return <FilterChips label={`${label} filter`} title={label} titleWidth={72} options={values.map((value) => ({ value, text: value }))} selected={selected} onChange={onChange} />;
}

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
    <Stack gap={8}>
      <Group align="end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Name or flow id"
          value={view.q}
          onChange={(e) => onChange({ q: e.currentTarget.value })}
          w={280}
          data-testid="flow-search"
        />
        <ErrorsFilter value={view.errors} onChange={(errors) => onChange({ errors })} />
        {filtered && (
          <Button variant="subtle" onClick={() => onChange({ q: '', status: [], category: [], health: [], errors: null })}>
            Clear filters
          </Button>
        )}
      </Group>
      <ChipFilter label="Status" values={options(KNOWN_STATUSES, seenStatuses)} selected={view.status} onChange={(status) => onChange({ status })} />
      <ChipFilter label="Category" values={options(KNOWN_CATEGORIES, seenCategories)} selected={view.category} onChange={(category) => onChange({ category })} />
      {showHealth && <ChipFilter label="Health" values={[...HEALTH_LEVELS]} selected={view.health} onChange={(health) => onChange({ health })} />}
    </Stack>
  );
}
