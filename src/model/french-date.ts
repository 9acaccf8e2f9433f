/** A date as French users read it: `JJ/MM/AAAA`. */
export function formatDateFr(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
