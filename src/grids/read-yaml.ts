import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isNode, isScalar } from 'yaml';
import { z } from 'zod';
import { GridFileError, type GridProblem } from './errors.js';

/**
 * Parses a YAML file and validates it with a schema. Every problem is reported with its path in
 * the file and its line, so that whoever edits the law data finds the faulty line at once.
 */
export interface ParsedYaml<T> {
  data: T;
  /** Line of a path inside the file, for error messages about cross-references. */
  locate(path: readonly PropertyKey[]): number | undefined;
}

export function readYaml<S extends z.ZodType>(file: string, schema: S, label = file): ParsedYaml<z.infer<S>> {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new GridFileError(
      label,
      doc.errors.map((e) => ({ path: '', line: e.linePos?.[0]?.line, message: `YAML illisible : ${e.message}` })),
    );
  }
  const result = schema.safeParse(doc.toJS(), { error: frenchIssue });
  if (result.success) return { data: result.data, locate: (path) => lineOf(doc, lineCounter, path) };
  const problem = (path: readonly PropertyKey[], message: string): GridProblem => ({ path: path.map(String).join('.'), line: lineOf(doc, lineCounter, path), message });
  // An unknown key is reported at its own line, not at the line of the object that holds it.
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => problem([...issue.path, key], issue.message)) : [problem(issue.path, issue.message)],
  );
  throw new GridFileError(label, problems);
}

const french = z.locales.fr().localeError;

/** Messages of the schemas in French (the grid files' editors read them); a schema's own message wins. */
function frenchIssue(issue: Parameters<typeof french>[0]) {
  return issue.code === 'unrecognized_keys' ? `clé inconnue ${issue.keys.map((k) => `« ${k} »`).join(', ')}` : french(issue);
}

/** Line of the deepest node that exists along `path` (a missing key points at its parent). */
export function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    // A key's own line, not its value's: a block list starts on the line after its key.
    const parent: unknown = n > 0 ? doc.getIn(path.slice(0, n - 1) as unknown[], true) : undefined;
    const key = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(path[n - 1]))?.key : undefined;
    if (isNode(key) && key.range) return lineCounter.linePos(key.range[0]).line;
    const node: unknown = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
