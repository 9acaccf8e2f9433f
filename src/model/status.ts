/** The statuses of the grids, lowest first (kept apart from the schemas so that code that only compares statuses does not load zod). */
export const STATUSES = ['ouvrier-employe', 'agent-de-maitrise', 'cadre', 'cadre-superieur'] as const;
export type Status = (typeof STATUSES)[number];
