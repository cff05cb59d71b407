/**
 * Command-line parsing over node:util parseArgs, strict: an unknown option, a missing value or
 * a wrong number of arguments is a UsageError naming the command, never a guess.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { safeText } from './output.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ArgSpec<O extends Options> {
  readonly command: string;
  readonly options: O;
  /** Names of the positional arguments, for messages: required ones first, then optional ones. */
  readonly required?: readonly string[];
  readonly optional?: readonly string[];
  /** What to say when an option's value is missing, by option name, e.g. { vip: 'a model: SYDC, ...' }. */
  readonly hints?: Readonly<Record<string, string>>;
}

/** parseArgs's messages, shortened to what the user needs (they also suggest "--" for odd arguments). */
function describeParseError(error: unknown, hints: Readonly<Record<string, string>>): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (option !== undefined) {
    // Named only when it looks like an option: anything else may be a piece of a link or key.
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      return looksLikeName(option) ? `unknown option ${option}` : 'unknown option (put "--" before an argument that starts with "-")';
    const shown = printable(option);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/does not take an argument/.test(message)) return `${shown} takes no value`;
      if (/ambiguous/.test(message)) return `${shown} needs a value (write ${shown}=VALUE for one that starts with "-")`;
      const hint = hints[option.replace(/^-+/, '')];
      return `${shown} needs ${hint ?? 'a value'}`;
    }
  }
  return printable(message.split('. ')[0] ?? message).replace(/\.$/, '');
}

/** Options every command takes; main handles --help before a command runs. */
const COMMON = { help: { type: 'boolean', short: 'h' } } as const;

/** The parsed option values (no command uses `multiple`). */
export type Values<O extends Options> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

export function parseCommand<O extends Options>(args: readonly string[], spec: ArgSpec<O>): { values: Values<O>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...COMMON, ...spec.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error, spec.hints ?? {}), spec.command);
  }
  const required = spec.required ?? [];
  const optional = spec.optional ?? [];
  const { positionals } = parsed;
  if (positionals.length < required.length) throw new UsageError(`missing ${required[positionals.length]}`, spec.command);
  if (positionals.length > required.length + optional.length) throw tooManyArguments(spec.command, [...required, ...optional], optional.length > 0);
  return { values: parsed.values as Values<O>, positionals };
}

/**
 * Whether a command-line word may be shown in a message: a short lower-case word such as a
 * command or option name. Anything else may be a setup link or a key (shorter than any key that
 * can be valid, so a whole key is never shown; a key's upper-case letters and 2-7 digits fail too).
 */
export function looksLikeName(text: string): boolean {
  return /^-{0,2}[a-z][a-z-]{0,14}$/.test(text);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * One argument too many, named by its position: the extra argument itself is never quoted, as it
 * is often a setup link or a piece of a key (`mamori add Bank otpauth://...`, a key typed with
 * spaces and no quotes). `names` are the arguments the command takes.
 */
export function tooManyArguments(command: string, names: readonly string[], optional: boolean): UsageError {
  // "setup link or key (or "-" ...)" → "setup link or key": the help has the rest.
  const short = names.map((name) => name.replace(/\s*\(.*\)$/, ''));
  if (short.length === 0) return new UsageError(`unexpected argument: ${command} takes none`, command);
  const takes = `${optional ? 'at most ' : ''}${short.length}, the ${short.join(' and the ')}`;
  return new UsageError(`unexpected ${ordinal(short.length + 1)} argument: ${command} takes ${takes}; quote one that contains spaces`, command);
}

/** Text from the command line, safe to echo in a message (no control characters, bounded). */
export function printable(text: string): string {
  return safeText(text).slice(0, 80);
}
