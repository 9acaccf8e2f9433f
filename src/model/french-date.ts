/** A date as French users read it: `JJ/MM/AAAA`. */
export function formatDateFr(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** "P6M" → "6 mois", "P3Y" → "3 ans", "P1Y6M" → "1 an et 6 mois". */
export function formatDuration(duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m) return duration;
  const parts: string[] = [];
  if (m[1]) parts.push(`${m[1]} ${m[1] === '1' ? 'an' : 'ans'}`);
  if (m[2]) parts.push(`${m[2]} mois`);
  if (m[3]) parts.push(`${m[3]} ${m[3] === '1' ? 'jour' : 'jours'}`);
  return parts.join(' et ') || duration;
}
