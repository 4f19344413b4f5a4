import { SegmentedControl } from '@mantine/core';
import { memo } from 'react';
import type { ErrorsFilter as Filter } from '../lib/url-query';

/** "Any errors / Has errors / No errors": the has-errors filter of every flow list (memoized: pass a stable `onChange`). */
export const ErrorsFilter = memo(function ErrorsFilter({ value, onChange }: { value: Filter; onChange: (value: Filter) => void }) {
  return (
    <SegmentedControl
      aria-label="Validation errors"
      value={value ?? 'any'}
      onChange={(v) => onChange(v === 'any' ? null : (v as Filter))}
      data={[
        { value: 'any', label: 'Any errors' },
        { value: 'with', label: 'Has errors' },
        { value: 'without', label: 'No errors' },
      ]}
    />
  );
});
