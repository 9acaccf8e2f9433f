/**
 * The shapes at the edge (zod, French messages): what each route accepts, and — for the OpenAPI
 * document — what it answers. Responses are serialised with JSON.stringify, exactly as the CLI
 * prints them: the response schemas document them and the tests check them.
 */
import { z } from 'zod';

z.config(z.locales.fr());

/** Text from a user: trimmed, bounded, without NUL (PostgreSQL refuses it in text). */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: 'Caractère nul (U+0000) interdit.' });

export const optionalText = (max: number) => z.union([text(max, 0), z.null()]).optional();

/** An identifier: PostgreSQL refuses NUL in text, so it is refused here (ids are UUIDs anyway). */
export const idText = (max = 64) => z.string().min(1).max(max).refine((s) => !s.includes('\u0000'), { message: 'Caractère nul (U+0000) interdit.' });

export const IdParams = z.object({ id: idText() });
export const IdccParams = z.object({ idcc: z.string().min(1).max(16) });
export const UserIdParams = z.object({ userId: idText() });

const dateText = z.string().max(32).describe('Date AAAA-MM-JJ (aujourd’hui par défaut)');

export const AtQuery = z.object({ at: dateText.optional() });

export const Pagination = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const SearchQuery = z.object({
  q: z.string().max(20_000).describe('Intitulé d’emploi ou description du poste'),
  limit: z.coerce.number().int().min(1).max(200).default(10),
  mode: z.enum(['auto', 'title', 'description']).default('auto'),
  at: dateText.optional(),
});

/** A fact is a scalar or a list of value ids; what each fact accepts is checked by the core. */
const factValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]);
const factsObject = z
  .record(z.string().max(100), factValue)
  .refine((facts) => Object.keys(facts).length <= 200, { message: '200 faits au plus.' })
  .describe('Faits de la grille ({ "diploma": "bts", … }) ; voir GET /api/conventions/{idcc}/facts');

export const ClassifyBody = z.strictObject({
  facts: factsObject.default({}),
  at: dateText.optional(),
});

export const TransposeBody = z.strictObject({
  from: z.union([z.string().max(32), z.number()]).describe('Ancienne position (coefficient, code)'),
  facts: factsObject.default({}),
  at: dateText.optional(),
});

export const RoleSchema = z.enum(['admin', 'member', 'read-only']);
export const Email = z.email().max(254);
export const Password = z.string().min(10).max(200).describe('10 caractères au moins');

export const RegisterBody = z.strictObject({
  email: Email,
  password: Password,
  name: text(200),
  organisationName: text(200),
});

export const LoginBody = z.strictObject({
  email: idText(254),
  password: z.string().max(200),
  organisationId: idText().optional(),
});

export const SwitchOrganisationBody = z.strictObject({ organisationId: idText() });

export const ChangePasswordBody = z.strictObject({ currentPassword: z.string().max(200), newPassword: Password });

export const AddMemberBody = z.strictObject({
  email: Email,
  /** Accepted for older clients; the invited person chooses their own name. */
  name: text(200).optional(),
  role: RoleSchema,
});

/** A single-use token (invitation `inv_…`, reset `rst_…`), as handed over. */
const OneTimeToken = z.string().min(1).max(200).describe('Jeton à usage unique, tel que transmis');
export const TokenBody = z.strictObject({ token: OneTimeToken });
export const InvitationRegisterBody = z.strictObject({ token: OneTimeToken, name: text(200), password: Password });
export const ResetPasswordBody = z.strictObject({ token: OneTimeToken, password: Password });

export const ChangeRoleBody = z.strictObject({ role: RoleSchema });
export const RenameOrganisationBody = z.strictObject({ name: text(200) });

export const CreateTokenBody = z.strictObject({
  name: text(100),
  role: z.enum(['member', 'read-only']).default('read-only'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const EmployeeBody = z.strictObject({
  matricule: text(64),
  name: optionalText(200),
  idcc: optionalText(16),
  position: optionalText(32),
  note: optionalText(2000),
});
export const EmployeePatch = EmployeeBody.partial();

export const EmployeeListQuery = z.object({ q: z.string().max(200).refine((s) => !s.includes('\u0000'), { message: 'Caractère nul (U+0000) interdit.' }).optional(), ...Pagination });

export const DecisionBody = z.strictObject({
  kind: z.enum(['classify', 'transpose']).default('classify'),
  idcc: z.string().min(1).max(16),
  at: dateText.optional(),
  facts: factsObject.default({}),
  from: z.union([z.string().max(32), z.number()]).optional().describe('Ancienne position (kind = transpose)'),
  employeeId: idText().nullable().optional(),
  previousId: idText().optional().describe('Version corrigée : la nouvelle décision la remplace sans l’effacer'),
  position: optionalText(32).describe('Position retenue, parmi celles du résultat'),
  comment: optionalText(4000),
});

export const DecisionListQuery = z.object({
  employeeId: idText().optional(),
  latest: z.enum(['true', 'false']).optional().describe('true : dernière version de chaque décision seulement'),
  ...Pagination,
});

export const AuditListQuery = z.object({ ...Pagination });
export const AuditUploadQuery = z.object({
  at: dateText.optional(),
  adherent: z.enum(['oui', 'non', 'inconnu']).optional().describe('L’employeur adhère-t-il à une organisation signataire ? (inconnu par défaut)'),
});
export const ReportParams = z.object({ id: idText(), format: z.enum(['json', 'ndjson', 'csv', 'html', 'pdf']) });

// ——— responses (documentation; JSON.stringify writes them) ———

export const ErrorResponse = z
  .object({
    error: z.enum(['invalid', 'not-found', 'unauthorized', 'forbidden', 'conflict', 'gone', 'too-large', 'unsupported-media-type', 'rate-limited', 'unavailable', 'internal']),
    message: z.string().describe('En français'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('Erreur');

const Source = z.looseObject({ doc: z.string(), article: z.string().optional(), quote: z.string() });
const GridSummary = z.object({
  id: z.string(),
  title: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  lastVerified: z.string().describe('Jour où la grille a été vérifiée pour la dernière fois contre les textes officiels (AAAA-MM-JJ)'),
});
const Status = z.enum(['ouvrier-employe', 'agent-de-maitrise', 'non-cadre', 'cadre', 'cadre-superieur']);

const CitedDocument = z.object({
  id: z.string(),
  title: z.string(),
  kali: z.string().optional(),
  url: z.string().optional(),
  articles: z.record(z.string(), z.object({ number: z.string().optional(), text: z.string().optional() })).optional(),
});
export const ConventionView = z.object({
  idcc: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  url: z.string(),
  naf: z.array(z.string()),
  nafSource: Source.optional(),
  documents: z.array(CitedDocument),
  grids: z.array(GridSummary),
});
export const ConventionsResponse = z.array(ConventionView);

export const ConventionFinderQuery = z.object({
  q: z.string().max(200).optional().describe('Nom de la convention (mots), IDCC ou code NAF'),
  naf: z.string().max(16).optional().describe('Code NAF/APE de l’entreprise : 47.78A, 4778A…'),
});
export const ConventionFinderResponse = z.array(ConventionView.extend({ matched: z.enum(['idcc', 'naf', 'name']) }));

export const SearchAllResponse = z.object({
  query: z.string(),
  at: z.string(),
  conventions: z.array(z.looseObject({ idcc: z.string(), title: z.string(), shortTitle: z.string(), results: z.array(z.looseObject({ job: z.object({ id: z.string(), title: z.string() }) })) })),
});

export const GridResponse = z.looseObject({
  idcc: z.string(),
  grid: GridSummary,
  tracks: z.array(z.looseObject({ id: z.string(), title: z.string(), parent: z.string().nullable() })),
  positions: z.array(z.looseObject({ code: z.string(), status: Status, track: z.string().nullable(), source: Source })),
  jobs: z.array(z.looseObject({ id: z.string(), title: z.string(), track: z.string(), positions: z.array(z.string()), status: Status, statuses: z.array(Status), duties: z.array(z.string()), source: Source })),
  rules: z.array(z.looseObject({ id: z.string(), kind: z.string(), text: z.string() })),
});

export const SearchResponse = z.looseObject({
  idcc: z.string(),
  grid: GridSummary,
  query: z.string(),
  mode: z.enum(['title', 'description']),
  uncertain: z.boolean(),
  withoutCard: z
    .looseObject({ positions: z.array(z.string()), message: z.string(), criteria: z.array(z.looseObject({ criterion: z.string(), position: z.string(), evidence: z.array(z.string()) })) })
    .optional()
    .describe('Aucun emploi-repère ne convient : positions que permettent les critères classants lus dans le texte, ou renvoi au questionnaire'),
  tiedWith: z
    .array(z.looseObject({ job: z.object({ id: z.string(), title: z.string() }), positions: z.array(z.string()) }))
    .optional()
    .describe("Recherche par intitulé : les autres emplois-repères auxquels l'intitulé convient autant qu'au premier (le plus souvent les autres niveaux du métier, que l'intitulé ne précise pas) ; la confiance porte sur le métier, le niveau se décide sur les fonctions"),
  byCotation: z
    .looseObject({
      positions: z.array(z.string()),
      statuses: z.array(Status),
      points: z.object({ min: z.number(), max: z.number() }),
      scale: z.object({ min: z.number(), max: z.number() }),
      message: z.string(),
      classes: z.array(z.looseObject({ position: z.string(), min: z.number(), max: z.number(), source: Source })).optional(),
      floors: z.array(z.looseObject({ rule: z.string(), text: z.string(), position: z.string(), evidence: z.array(z.string()), source: Source })).optional(),
      criteria: z.array(
        z.looseObject({
          fact: z.string(),
          title: z.string(),
          read: z.object({ min: z.number(), max: z.number() }).nullable(),
          counted: z.object({ min: z.number(), max: z.number() }),
          assumed: z.string().optional(),
          widened: z.string().optional(),
          evidence: z.array(z.string()),
          definitions: z.array(z.looseObject({ degree: z.number(), text: z.string(), source: Source })),
        }),
      ),
    })
    .optional()
    .describe("Grille sans emplois-repères, classée par cotation : degrés de chaque critère lus dans le texte, fourchette de points et classes qu'elle permet, ou renvoi au questionnaire (positions vides)"),
  results: z.array(
    z.looseObject({
      job: z.object({ id: z.string(), title: z.string() }),
      track: z.string(),
      trackTitle: z.string(),
      positions: z.array(z.string()),
      status: Status,
      statuses: z.array(Status),
      score: z.number(),
      confidence: z.number().optional(),
      evidence: z.array(z.looseObject({ field: z.string(), text: z.string() })),
      source: Source,
    }),
  ),
});

/** A reason or warning: its code and typed params (docs/api.md lists them) and its French sentence. */
const Reason = z.looseObject({ code: z.string(), params: z.record(z.string(), z.unknown()), text: z.string(), source: Source });
const Missing = z.looseObject({ fact: z.string(), question: z.string(), type: z.string() });
const Warning = z.looseObject({ code: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() });

export const ClassifyResponse = z.looseObject({
  idcc: z.string(),
  grid: GridSummary,
  at: z.string(),
  outcome: z.enum(['result', 'not-applicable', 'unknown']),
  track: z.string().nullable(),
  trackTitle: z.string().nullable(),
  job: z.object({ id: z.string(), title: z.string() }).nullable(),
  positions: z.array(z.string()),
  status: Status.nullable(),
  statuses: z.array(Status),
  level: z.array(z.string()).optional(),
  explanation: z.array(Reason),
  missing: z.array(Missing),
  warnings: z.array(Warning),
});

export const TransposeResponse = z.looseObject({
  idcc: z.string(),
  from: z.looseObject({ grid: GridSummary, position: z.string(), status: Status }),
  to: z.looseObject({ grid: GridSummary, track: z.string().nullable(), trackTitle: z.string().nullable(), positions: z.array(z.string()), status: Status.nullable(), statuses: z.array(Status) }),
  explanation: z.array(Reason),
  missing: z.array(Missing),
  warnings: z.array(Warning),
});

export const UserResponse = z.object({ id: z.string(), email: z.string(), name: z.string() });
const OrganisationRef = z.object({ id: z.string(), name: z.string() });

export const SessionResponse = z.object({
  user: UserResponse.nullable(),
  token: z.object({ id: z.string(), name: z.string() }).nullable(),
  via: z.enum(['session', 'token']),
  organisation: OrganisationRef.nullable(),
  role: RoleSchema.nullable(),
  memberships: z.array(z.object({ organisationId: z.string(), organisationName: z.string(), role: RoleSchema })),
  csrfToken: z.string().nullable().describe('À renvoyer dans l’en-tête X-CSRF-Token (sessions)'),
});

export const MemberResponse = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: RoleSchema, since: z.string() });
export const InvitationResponse = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const NewInvitationResponse = z.object({
  invitation: InvitationResponse,
  token: z.string().describe('Le jeton d’invitation, montré une seule fois'),
  path: z.string().describe('Adresse de la page d’acceptation (/invitation#<jeton>), à transmettre à la personne invitée'),
});
export const InvitationPreviewResponse = z.object({ organisation: z.object({ name: z.string() }), email: z.string(), role: RoleSchema, expiresAt: z.string() });
export const OneTimeTokenResponse = z.object({
  token: z.string().describe('Le jeton, montré une seule fois'),
  path: z.string().describe('Adresse de la page où s’en servir (/reinitialiser#<jeton>)'),
  expiresAt: z.string(),
});

export const TokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: RoleSchema,
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const NewTokenResponse = TokenResponse.extend({ token: z.string().describe('Le jeton, montré une seule fois') });

export const EmployeeResponse = z.object({
  id: z.string(),
  matricule: z.string(),
  name: z.string().nullable(),
  idcc: z.string().nullable(),
  position: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Author = z.union([
  z.object({ type: z.literal('user'), id: z.string(), name: z.string(), email: z.string() }),
  z.object({ type: z.literal('token'), id: z.string(), name: z.string() }),
]);

export const DecisionResponse = z.object({
  id: z.string(),
  reference: z.string().nullable().describe('Référence courte de la décision (année-rang dans l’organisation), commune à ses versions'),
  version: z.number().int(),
  rootId: z.string(),
  previousId: z.string().nullable(),
  supersededBy: z.string().nullable(),
  latest: z.boolean(),
  employeeId: z.string().nullable(),
  kind: z.enum(['classify', 'transpose']),
  idcc: z.string(),
  gridId: z.string(),
  at: z.string(),
  facts: z.unknown(),
  input: z.unknown(),
  result: z.unknown().describe('Réponse du moteur, comme classif classify --json (ou transpose)'),
  explanation: z.unknown(),
  position: z.string().nullable(),
  comment: z.string().nullable(),
  author: Author.nullable(),
  createdAt: z.string(),
});
export const DecisionWithVersions = DecisionResponse.extend({ versions: z.array(z.object({ id: z.string(), version: z.number().int(), createdAt: z.string() })) });

const AuditSummarySchema = z
  .object({
    at: z.string(),
    format: z.string(),
    encoding: z.string(),
    delimiter: z.string().optional(),
    rows: z.number(),
    rowsInError: z.number(),
    employeesWithFindings: z.number(),
    findings: z.number(),
    byRule: z.record(z.string(), z.number().optional()),
    bySeverity: z.record(z.string(), z.number().optional()),
    byConvention: z.record(z.string(), z.object({ rows: z.number(), withFindings: z.number(), findings: z.number() })),
    headcount: z.array(z.object({ idcc: z.string(), position: z.string(), status: z.string().nullable(), total: z.number(), F: z.number(), H: z.number() })),
    hasSex: z.boolean(),
    unknownColumns: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .describe('Résumé de l’audit (comme classif audit --json)');

export const AuditSamplesResponse = z
  .object({
    byRule: z.record(z.string(), z.array(z.object({}).passthrough())).describe('Par règle, ses premiers constats (comme dans le rapport JSON)'),
    omitted: z.record(z.string(), z.number()).describe('Par règle, le nombre de constats suivants, non repris ici'),
  })
  .describe('Premiers constats de chaque règle');

export const AuditResponse = z.object({
  id: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  at: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ rows: z.number(), bytesDone: z.number(), bytesTotal: z.number(), percent: z.number() }),
  summary: AuditSummarySchema.nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  author: z.object({ type: z.enum(['user', 'token']), id: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  reports: z.record(z.string(), z.string()).optional().describe('Adresses des rapports, quand l’audit est terminé'),
});

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

/** Standard error answers of a route, for the OpenAPI document. */
export function errors(...codes: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429)[]) {
  return Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
}
