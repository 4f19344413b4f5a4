import { Text } from '@mantine/core';
import { SafeLink } from '../../components/SafeLink';

/** A provider-given link: the shared SafeLink (http(s) only, else plain text). */
export const ExternalLink = SafeLink;

/** A provider's health error as one line: its text, its code, and its possible-solution link. */
export function HealthErrorLine({ text, code, solution, pl }: { text: string; code: string | number | null; solution: string | null; pl?: string }) {
  return (
    <Text size="sm" pl={pl}>
      {text}
      {code != null && <Text span c="dimmed"> (code {String(code)})</Text>}
      {solution && (
        <>
          {' '}
          <ExternalLink href={solution}>Possible solution</ExternalLink>
        </>
      )}
    </Text>
  );
}
