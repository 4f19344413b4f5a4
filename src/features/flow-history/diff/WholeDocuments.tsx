/**
 * The two whole documents of a comparison (`&whole=1`) in CodeMirror's merge view: both versions
 * downloaded and compared in the diff worker, each side's validation errors highlighted on it.
 * Its own chunk, with the merge view: the changed lines (the default) need none of it.
 */
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { versionErrorRanges } from '../../../lib/flow-history/versionErrors';
import { LoadError, type DiffPanelProps } from './panel';
import { versionDiffQueryOptions } from '../queries';
import JsonDiffViewer from './JsonDiffViewer';

/** The two whole documents in the merge view: both versions downloaded and compared in the diff worker. */
export default function WholeDocuments({ channelRef, flowId, comparison, versions, layout }: DiffPanelProps) {
  const { data: texts, error } = useQuery(versionDiffQueryOptions(channelRef, flowId, comparison));
  // Each side's validation errors (as when that version was first seen), highlighted on its side.
  const errorsOf = (sha256: string) => versions.find((v) => v.sha256 === sha256)?.validationErrors;
  const fromErrors = errorsOf(comparison.from);
  const toErrors = errorsOf(comparison.to);
  const sideErrors = useMemo(
    () => (texts ? { before: versionErrorRanges(texts.a, fromErrors, texts.formatted), after: versionErrorRanges(texts.b, toErrors, texts.formatted) } : null),
    [texts, fromErrors, toErrors],
  );
  if (error) return <LoadError message={error.message} />;
  if (!texts) return <Text size="sm">Loading both versions…</Text>;
  return <JsonDiffViewer before={texts.a} after={texts.b} changes={texts.changes} layout={layout} beforeErrors={sideErrors?.before} afterErrors={sideErrors?.after} />;
}
