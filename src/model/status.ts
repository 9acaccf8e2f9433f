/** The statuses of the grids, lowest first (kept apart from the schemas so that code that only compares statuses does not load zod). */
/** `non-cadre`: a text that only tells cadres from the others (no ouvrier/employé or maîtrise split). */
export const STATUSES = ['ouvrier-employe', 'agent-de-maitrise', 'non-cadre', 'cadre', 'cadre-superieur'] as const;
export type Status = (typeof STATUSES)[number];
