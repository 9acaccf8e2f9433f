/**
 * How a job agrees with the facts a description gives (src/match/text-facts.ts, `fit`), on the
 * synthetic grid of two parallel tracks (test/fixtures/rule-kinds/parallel-tracks): ranks restart
 * in each track, so a job is weighed against the part of the range on its own track only.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { Grid } from '../src/grids/grid.js';
import { factsFromText } from '../src/match/text-facts.js';
import { grid as gridSchema, type Fact, type Job } from '../src/model/schema.js';

const dir = new URL('./fixtures/rule-kinds/', import.meta.url);
const base = parse(readFileSync(new URL('base.yaml', dir), 'utf8')) as Record<string, unknown>;
const twoTracks = parse(readFileSync(new URL('parallel-tracks/two-tracks.yaml', dir), 'utf8')) as { grid: { tracks: unknown[]; positions: unknown[]; jobs: Job[]; rules: { id: string }[] } };
const source = (quote: string) => ({ doc: 'essai', quote });
const data = {
  ...base,
  ...twoTracks.grid,
  // The management of a team read in a text; S3 of the soin track asks for ten years instead, so
  // that nothing said decides the soin track while the gestion track's floor starts at its rank 3.
  facts: (base.facts as Fact[]).map((f) => (f.id === 'manager' ? { ...f, cues: ['encadre une equipe'] } : f)),
  // A third track, closed to those who manage a team.
  tracks: [...twoTracks.grid.tracks, { id: 'accueil', title: 'Filière accueil', source: source('accueil') }],
  positions: [...twoTracks.grid.positions, { code: 'A1', status: 'ouvrier-employe', track: 'accueil', rank: 1, source: source('position A1') }],
  rules: [
    ...twoTracks.grid.rules.map((r) => (r.id === 'soin-s3' ? { ...r, when: { fact: 'years', gte: 10 } } : r)),
    { id: 'accueil-sans-equipe', kind: 'track-eligibility', text: 'La filière accueil est celle des salariés sans équipe.', appliesTo: { tracks: ['accueil'] }, when: { fact: 'manager', eq: false }, source: source('règle') },
  ],
  jobs: [
    ...twoTracks.grid.jobs,
    { id: 'agent', title: 'Agent de gestion', track: 'gestion', positions: ['G1'], source: source('agent') },
    { id: 'hote', title: 'Hôte d’accueil', track: 'accueil', positions: ['A1'], source: source('hôte') },
  ],
};
// The general French of descriptions (grids/french.yaml) comes with every grid the catalogue loads.
const french = loadCatalogue({ only: ['3248'] }).conventions[0]!.grids[0]!.lexicon.french;
const grid = new Grid(gridSchema.parse(data), '0000', null, { abbreviations: {}, titles: [], entries: [], french });
const job = (id: string) => grid.job(id)!;

describe('text facts on parallel tracks', () => {
  const read = factsFromText(grid, 'Il encadre une équipe de cinq personnes.')!;

  it('leaves both tracks open, each with its own range', () => {
    expect(read.summary.track).toBeNull();
    expect(read.summary.positions).toEqual(['S1', 'S2', 'S3', 'G3', 'G4', 'G5']);
  });

  it('puts a job below its own track’s range below, whatever the other track’s ranks', () => {
    // G1 is rank 1, under the gestion range (G3, rank 3); the soin range starts at rank 1.
    expect(read.fit(job('agent'))).toBe(-0.5);
  });

  it('gives no weight in a track the facts decide nothing of', () => {
    // The whole soin track stays open: its jobs are neither favoured nor set back.
    expect(read.fit(job('soignant'))).toBe(0);
  });

  it('sets apart a job of a track the facts close', () => {
    expect(read.fit(job('hote'))).toBe(-1);
  });

  it('favours a job inside its own track’s range', () => {
    expect(read.fit(job('comptable'))).toBeGreaterThan(0);
  });
});
