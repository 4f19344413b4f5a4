/** The audit page's entry in the navigation, for admins only. */
import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { sessionQueryOptions } from '../../api/session';
import { paths } from '../../config/paths';

export function AdminLink({ className }: { className?: string }) {
  const { data } = useQuery(sessionQueryOptions());
  if (!data?.admin) return null;
  return (
    <NavLink to={paths.audit.getHref()} className={className}>
      Audit
    </NavLink>
  );
}
