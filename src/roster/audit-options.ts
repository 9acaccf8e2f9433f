/** What an audit is asked: the date, the catalogue, the user's scales, mapping and membership, and the words of its messages. */
import type { Catalogue } from '../grids/convention.js';
import type { IsoDate } from '../grids/dates.js';
import type { WageScale } from '../model/wages.js';
import type { ColumnMapping } from './columns.js';
import type { Membership } from './minimum.js';

/** Words of the messages that point to a way of doing something, which differs between the CLI and the web. */
export interface AuditWording {
  /** How to see the expected columns. */
  template: string;
  /** How to tell which column a header is. */
  mapping: string;
  /** How to load a wage scale. */
  wages: string;
}

export const WEB_WORDING: AuditWording = {
  template: 'téléchargez le modèle de liste depuis la page des audits',
  mapping: "associez vos en-têtes aux colonnes attendues à l'étape « Colonnes » avant de lancer l'audit",
  wages: 'chargez le barème depuis la page des audits, rubrique « Barèmes de salaires »',
};

export interface AuditOptions {
  at: IsoDate;
  catalogue: Catalogue;
  /** Scales loaded by the user, by IDCC, next to the shipped ones. */
  userScales?: ReadonlyMap<string, WageScale[]>;
  /** The user's choices for headers the synonyms do not know. */
  mapping?: ColumnMapping;
  /** Whether the employer is a member of the signatory organisations (unknown by default). */
  membership?: Membership;
  /** The CLI's words instead of the web's. */
  wording?: AuditWording;
  onProgress?: (rows: number) => void;
  /**
   * Findings of one row only (a pay below the minimum, a matricule seen before) with their message
   * left for later (`saidLater`): for writers that keep the reason and render it when read.
   */
  deferMessages?: boolean;
}
