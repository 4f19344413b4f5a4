import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Health } from '../model/flow';
import { HealthEntities } from './HealthEntities';
import { SafeLink } from './SafeLink';

const wrap = (ui: React.ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

describe('SafeLink', () => {
  it('links http(s) in a new tab without opener or referrer', () => {
    wrap(<SafeLink href="https://developers.facebook.com/docs/x">Docs</SafeLink>);
    const link = screen.getByRole('link', { name: /Docs/ });
    expect(link).toHaveAttribute('href', 'https://developers.facebook.com/docs/x');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it.each(['data:text/html,<script>alert(1)</script>', 'javascript:alert(1)', 'vbscript:x', '//evil.example'])('renders %s as plain text', (href) => {
    wrap(<SafeLink href={href}>Possible solution</SafeLink>);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Possible solution')).toBeInTheDocument();
  });

  it("the list's health popover entities never link a data: possible_solution", () => {
    const health: Health = {
      canSendMessage: 'BLOCKED',
      entities: [{ type: 'FLOW', id: '1', canSendMessage: 'BLOCKED', errors: [{ code: 1, description: 'Blocked', possibleSolution: 'data:text/html,<b>x</b>' }], additionalInfo: [] }],
    };
    wrap(<HealthEntities health={health} />);
    expect(screen.getByText('Possible solution')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
