#!/usr/bin/env node
/**
 * `classif`: the command line. French for people, `--json` for programs. A face only: every
 * answer comes from the core through src/service, so the CLI and the HTTP API say the same.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../model/input-error.js';
import { GridFileError } from '../grids/errors.js';
import { openCatalogue } from '../grids/open.js';
import { COMMANDS, HELP, useCatalogue } from './commands.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('classif 0.1.0\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new InputError(`Commande inconnue : « ${name} ». Commandes : ${Object.keys(COMMANDS).join(', ')}. Voir « classif help ».`, 'invalid');
  const config: ParseArgsConfig = {
    args: rest,
    options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    throw new InputError(`${frenchParseError(e)} Usage : ${command.usage}`, 'invalid');
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage : ${command.usage}\n`);
    return 0;
  }
  const { positionals, values } = parsed;
  if (positionals.length < (command.required ?? command.positionals.length)) {
    throw new InputError(`Argument manquant : ${command.positionals[positionals.length]}. Usage : ${command.usage}`, 'invalid');
  }
  if (positionals.length > command.positionals.length && !command.variadic) {
    throw new InputError(`Argument en trop : « ${positionals[command.positionals.length]} » (mettez le texte recherché entre guillemets). Usage : ${command.usage}`, 'invalid');
  }
  useCatalogue(await openCatalogue());
  const output = await command.run(positionals, values as Record<string, string | boolean | undefined>);
  if (typeof output === 'number') return output;
  process.stdout.write(values.json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text());
  return 0;
}

function frenchParseError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const option = /'([^']+)'/.exec(err.message ?? '')?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue : ${option}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `Valeur manquante ou invalide pour l'option ${option.split(' ')[0]}.`;
    default:
      return `Arguments invalides : ${err.message ?? String(e)}.`;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`classif : ${e.message}\n`);
    process.exitCode = e.kind === 'not-found' ? 3 : 2;
  } else if (e instanceof GridFileError) {
    process.stderr.write(`classif : les données de classification sont invalides.\n${e.message}\n`);
    process.exitCode = 4;
  } else {
    process.stderr.write(`classif : erreur interne inattendue (${(e as Error).message}). Merci de la signaler.\n`);
    if (process.env.CLASSIF_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  }
}
