/** The audit page's filters as they live in the URL (`?user=&account=&flow=&from=&to=&page=`), and as the API takes them. */
import type { AuditFilters } from '../../api/audit';

/** The URL's days (`YYYY-MM-DD`, the browser's time zone) as instants: `from` at the day's start, `to` through the day's end. */
export function filtersFromUrl(params: URLSearchParams): AuditFilters & { fromDay?: string; toDay?: string } {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const day = (key: string) => {
    const value = text(key);
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00`).getTime()) ? value : undefined;
  };
  const fromDay = day('from');
  const toDay = day('to');
  const page = Number(params.get('page') ?? 0);
  let to: string | undefined;
  if (toDay) {
    const end = new Date(`${toDay}T00:00`);
    end.setDate(end.getDate() + 1);
    to = end.toISOString();
  }
  return {
    user: text('user'),
    account: text('account'),
    flow: text('flow'),
    from: fromDay ? new Date(`${fromDay}T00:00`).toISOString() : undefined,
    to,
    page: Number.isInteger(page) && page > 0 ? page : 0,
    fromDay,
    toDay,
  };
}

export interface FilterForm {
  user: string;
  account: string;
  flow: string;
  from: string;
  to: string;
}

/** The URL query of a filter form (empty fields left out, back to the first page). */
export function urlFromForm(form: FilterForm): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value.trim()) query.set(key, value.trim());
  return query;
}
