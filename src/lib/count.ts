/**
 * A count as the pages show it: digits grouped by thousands with commas ("12,345"), as
 * `toLocaleString('en')` writes it. Written out because a page's first call into the browser's
 * number formatting loads its locale data, which measured 50 to 120 ms in headless Chromium on the
 * development machine: on a page's first render (a comparison's "N unchanged lines", a list's
 * totals), that is a third of the time it has.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const [whole = '0', fraction] = String(Math.abs(n)).split('.');
  if (whole.includes('e')) return String(n);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return sign + grouped + (fraction ? `.${fraction}` : '');
}
