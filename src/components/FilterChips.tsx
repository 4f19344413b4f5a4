/**
 * A row of filter chips: checkboxes drawn as Mantine's outline chips (its own classes), one for
 * each option, in a labelled group. Plain elements rather than Mantine's `Chip` components: a
 * search redraws rows of up to 30 chips whose counts change at every keystroke, and drawing them
 * as components added about 10 ms to a keystroke's 50 ms (the median of the index benchmark).
 */
import { Chip } from '@mantine/core';
import { memo, useId, useState, type CSSProperties, type ReactNode } from 'react';
import classes from './FilterChips.module.css';

export type ChipOption = { value: string; text: ReactNode };

const CHECK = (
  <span className={Chip.classes.iconWrapper}>
    <svg viewBox="0 0 10 7" fill="none" aria-hidden="true" className={Chip.classes.checkIcon}>
      <path d="M4 4.586L1.707 2.293A1 1 0 1 0 .293 3.707l3 3a.997.997 0 0 0 1.414 0l5-5A1 1 0 1 0 8.293.293L4 4.586z" fill="currentColor" fillRule="evenodd" clipRule="evenodd" />
    </svg>
  </span>
);

export const FilterChips = memo(function FilterChips({
  label,
  title,
  titleWidth,
  gap,
  options,
  selected,
  onChange,
  dataName,
}: {
  /** The group's accessible name. */
  label: string;
  /** A visible heading before the chips, in a column `titleWidth` pixels wide. */
  title?: string;
  titleWidth?: number;
  gap?: number;
  options: readonly ChipOption[];
  selected: readonly string[];
  /** The selected values after a chip is toggled (a value checked goes last). */
  onChange: (values: string[]) => void;
  /** Set as `data-facet` on each checkbox, beside `data-value`, for pages that tell groups apart. */
  dataName?: string;
}) {
  const id = useId();
  // A click shows at once, before the page's state (often the URL) comes back with it; a change
  // of `selected` from the page wins.
  const [clicked, setClicked] = useState<{ over: string; values: readonly string[] } | null>(null);
  const over = selected.join('\u0000');
  const shown = clicked && clicked.over === over ? clicked.values : selected;
  const checked = new Set(shown);
  return (
    <div role="group" aria-label={label} className={classes.group} style={gap === undefined ? undefined : ({ '--filter-chips-gap': `${gap}px` } as CSSProperties)}>
      {title && (
        <span className={classes.title} style={{ width: titleWidth }}>
          {title}
        </span>
      )}
      {options.map(({ value, text }, i) => {
        const on = checked.has(value);
        return (
          <div key={value} className={`${Chip.classes.root} ${classes.chip}`} data-variant="outline" data-size="xs">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              className={Chip.classes.input}
              value={value}
              checked={on}
              onChange={() => {
                const next = on ? shown.filter((v) => v !== value) : [...shown, value];
                setClicked({ over, values: next });
                onChange(next);
              }}
              data-facet={dataName}
              data-value={value}
            />
            <label htmlFor={`${id}-${i}`} className={`${Chip.classes['label--outline']} ${Chip.classes.label}`} data-checked={on || undefined}>
              {on && CHECK}
              <span>{text}</span>
            </label>
          </div>
        );
      })}
    </div>
  );
});
