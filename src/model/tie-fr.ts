/**
 * The French sentence that says a title fits several benchmark jobs equally — shared by the
 * command line and the web page, so that both say the same thing.
 */
interface Named {
  job: { title: string };
  positions: readonly string[];
}

const named = (r: Named) => `${r.job.title} (${r.positions.join(', ')})`;

/**
 * « L'intitulé convient autant à Vendeur 1 (1.1, 1.2) et à Vendeur 2 (1.3, 1.4) … »: the
 * confidence shown is that of the trade, not of the level, which the title does not write.
 */
export function tiedText(first: Named, tied: readonly Named[]): string {
  const all = [first, ...tied].map(named);
  const list = `${all.slice(0, -1).join(', ')} et à ${all.at(-1)!}`;
  return `L'intitulé convient autant à ${list} : il ne dit pas ce qui les distingue, le niveau le plus souvent. La confiance porte sur le métier ; choisissez d'après les fonctions exercées, ou décrivez le poste.`;
}
