/**
 * The large staff list of the audit benches: the three conventions, old and new grids, typos,
 * missing columns and errors the way payroll exports do (one row in a thousand broken).
 */
import { createWriteStream, existsSync } from 'node:fs';

const PROFILES = [
  ['3168', 'Opérateur vendeur 1er niveau', '155', '', 'employé', ''],
  ['3168', 'Vendeuse photo', '165', '', 'employé', ''],
  ['3168', 'Retoucheuse', '195', '', 'employé', ''],
  ['3168', 'Photographe', '175', '', 'employé', 'diplôme reconnu par la branche'],
  ['3168', 'Responsable magasin', '230', '', 'agent de maîtrise', ''],
  ['3168', 'Directeur de magasin', '320', '', 'cadre', ''],
  ['1431', 'Opticienne', 'B', '', 'agent de maîtrise', 'BTS OL'],
  ['1431', 'Opticien', 'A', '', 'employé', 'BTS'],
  ['1431', 'Vendeuse', '1.3', '', 'employé', 'aucun'],
  ['1431', 'Monteur', '150', '', 'employé', 'aucun'],
  ['1431', 'Directeur de magasin', '3.2', '', 'cadre', 'aucun'],
  ['2198', 'Conseiller relation client', 'C', 'maîtrisant', 'employé', ''],
  ['2198', 'Préparateur de commandes', 'A', 'débutant', 'employé', ''],
  ['2198', 'Chef de projet digital', 'F', 'référent', 'cadre', ''],
  ['2198', 'Web designer', 'E', 'maîtrisant', 'agent de maîtrise', ''],
];

/** Writes `rows` rows to `file` (kept: a later run reuses it). */
export async function generateStaffCsv(file: string, rows: number): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(file);
  out.write('\uFEFFmatricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe\r\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const [idcc, job, position, level, status, diploma] = PROFILES[i % PROFILES.length]!;
    const year = 2015 + (i % 10);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const pay = (1700 + ((i * 37) % 2500)).toLocaleString('fr-FR', { minimumFractionDigits: 2 });
    const share = i % 7 === 0 ? '0,8' : '1';
    // One row in a thousand is broken the way exports break: a bad date, text in a number.
    const entry = i % 1000 === 17 ? '31/02/2020' : `${day}/${month}/${year}`;
    const salary = i % 1000 === 42 ? 'à voir' : pay;
    buf += `M${i};${idcc};${job};${position};${level};${status};${entry};${day}/${month}/${year + 1};${diploma};${i % 6};${i % 9 === 0 ? 2 : 0};${salary};${share};${i % 2 ? 'F' : 'H'}\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

