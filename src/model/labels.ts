import type { Status } from './schema.js';

/** French labels of the statuses, as the texts name them. */
export const STATUS_LABELS: Record<Status, string> = {
  'ouvrier-employe': 'ouvrier/employé',
  'agent-de-maitrise': 'technicien/agent de maîtrise',
  'non-cadre': 'non-cadre',
  cadre: 'cadre',
  'cadre-superieur': 'cadre supérieur/dirigeant',
};
