/** A grid file that cannot be used: names the file, the path inside it and what is wrong. */
export class GridFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly GridProblem[],
  ) {
    super(
      `Fichier de grille invalide : ${file}\n` +
        problems.map((p) => `  - ${p.path || '(racine)'}${p.line ? ` (ligne ${p.line})` : ''} : ${p.message}`).join('\n'),
    );
    this.name = 'GridFileError';
  }
}

export interface GridProblem {
  /** Dotted path inside the file, e.g. `jobs.12.positions.0`. */
  path: string;
  line?: number;
  message: string;
}
