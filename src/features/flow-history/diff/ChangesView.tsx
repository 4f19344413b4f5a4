/**
 * The changed lines of a comparison, as the server computed them (JsonChanges: hunks of changed
 * lines with three unchanged lines around each): side by side or unified, with line numbers of
 * each version, the words that changed inside an edited line, and each version's validation
 * errors on their lines. Every removed line's text carries `data-diff="removed"`, every added
 * one's `data-diff="added"`; a sign (− / +) says it too, not colour alone. Text is rendered as text.
 */
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { JsonChanges } from '../../../model/history';
import classes from './ChangesView.module.css';
import { gapsOf, splitRows, unifiedRows, type Cell } from './rows';
import { formatCount } from '../../../lib/count';

type Hunk = JsonChanges['hunks'][number];

const SIGN = { removed: '−', added: '+', same: '' } as const;
const SIGN_LABEL = { removed: 'removed', added: 'added', same: undefined } as const;

function LineText({ cell }: { cell: Cell }) {
  const { text, changed, errors } = cell;
  let content: ReactNode = text;
  if (changed && changed[1] > changed[0]) {
    content = (
      <>
        {text.slice(0, changed[0])}
        <span className={classes.span}>{text.slice(changed[0], changed[1])}</span>
        {text.slice(changed[1])}
      </>
    );
  }
  if (!errors) return content;
  const label = errors.join('\n');
  return (
    <>
      <span className={classes.error} title={label} data-error="true">
        {content}
      </span>
      <span className={classes.errorSign} role="img" aria-label={`Validation error: ${label}`} title={label}>
        ⚠
      </span>
    </>
  );
}

/** A line's number, sign and text (or an empty side: no line faces this one). */
function TextCell({ cell, number = cell?.line }: { cell: Cell | null; number?: number | null }) {
  if (!cell) return <td colSpan={3} className={classes.empty} />;
  const diff = cell.kind === 'same' ? undefined : cell.kind;
  return (
    <>
      <td className={classes.num}>{number}</td>
      <td className={`${classes.sign} ${diff ? classes[diff] : ''}`} aria-label={SIGN_LABEL[cell.kind]}>
        {SIGN[cell.kind]}
      </td>
      <td className={classes.text} data-diff={diff}>
        <LineText cell={cell} />
      </td>
    </>
  );
}

/** Unchanged lines left out before a hunk (or after the last one). */
function Gap({ lines, columns }: { lines: number; columns: number }) {
  if (lines <= 0) return null;
  return (
    <tr className={classes.gap}>
      <td colSpan={columns}>
        {formatCount(lines)} unchanged line{lines === 1 ? '' : 's'}
      </td>
    </tr>
  );
}

function HunkRows({ hunk, layout }: { hunk: Hunk; layout: 'split' | 'unified' }) {
  if (layout === 'split') {
    return splitRows(hunk).map((row, i) => (
      <tr key={i}>
        <TextCell cell={row.a} />
        <TextCell cell={row.b} />
      </tr>
    ));
  }
  return unifiedRows(hunk).map((row, i) => (
    <tr key={i}>
      <td className={classes.num}>{row.lineA ?? ''}</td>
      <TextCell cell={row} number={row.lineB} />
    </tr>
  ));
}

/** Hunks drawn in the first frame (more than a screen), then more per task, so no task draws them all. */
const FIRST_HUNKS = 8;
const MORE_HUNKS = 12;

/** How many of `total` hunks to draw: the first few at once, the others a task at a time. */
function useShownCount(total: number, key: unknown): number {
  const [shown, setShown] = useState({ key, count: FIRST_HUNKS });
  const count = shown.key === key ? shown.count : FIRST_HUNKS;
  useEffect(() => {
    if (count >= total) return;
    const next = setTimeout(() => setShown({ key, count: count + MORE_HUNKS }), 0);
    return () => clearTimeout(next);
  }, [count, total, key]);
  return Math.min(count, total);
}

export function ChangesView({ changes, layout }: { changes: JsonChanges; layout: 'split' | 'unified' }) {
  const columns = layout === 'split' ? 6 : 4;
  const shown = useShownCount(changes.hunks.length, changes);
  const all = shown === changes.hunks.length;
  const gaps = useMemo(() => gapsOf(changes), [changes]);
  return (
    <div className={classes.view} data-testid="json-diff" data-layout={layout} tabIndex={0} role="region" aria-label="Changed lines of the flow JSON">
      <table className={classes.table} aria-busy={!all}>
        <colgroup>
          {(layout === 'split' ? ['num', 'sign', 'text', 'num', 'sign', 'text'] : ['num', 'num', 'sign', 'text']).map((c, i) => (
            <col key={i} className={c === 'text' ? undefined : classes[`col-${c}`]} />
          ))}
        </colgroup>
        <caption className={classes.caption}>
          {layout === 'split' ? 'Older version on the left, newer on the right' : 'Older and newer line numbers, then the line'}; − removed, + added
        </caption>
        <tbody>
          {changes.hunks.slice(0, shown).map((hunk, i) => (
            <Fragment key={i}>
              <Gap lines={gaps.before[i]!} columns={columns} />
              <HunkRows hunk={hunk} layout={layout} />
            </Fragment>
          ))}
          {all && <Gap lines={gaps.after} columns={columns} />}
        </tbody>
      </table>
    </div>
  );
}
