/**
 * A program's environment variables, declared once: name, default, validation and the line its
 * documentation shows. Each program (the token service, the demo bank, ...) declares its list in
 * a config module of its own and reads `process.env` once, at its entry point, with `readEnv`;
 * everything else receives values. The documentation's table is rendered from the same list
 * (`envTable`) and a test keeps the committed table equal to it, so the two cannot drift.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

/** A configuration refused at start: its message is one line for the operator and names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Turns the variable's text (trimmed, never empty) into its value. Throws an error whose message
 * is the whole line for the operator: it names the variable (`name`) and never echoes a secret.
 */
export type EnvParser<T> = (text: string, name: string) => T;

export interface EnvVariable<T> {
  readonly name: string;
  /** The documentation's meaning column (Markdown, one line). */
  readonly meaning: string;
  /** The documentation's default column (Markdown). */
  readonly shownDefault: string;
  readonly parse: EnvParser<T>;
  /** The value when the variable is unset or blank (an empty variable counts as unset). */
  readonly whenUnset: () => T;
}

/** A variable with a default, written as the variable itself would be: it is parsed like any other value. */
export function withDefault<T>(name: string, defaultText: string, meaning: string, parse: EnvParser<T>): EnvVariable<T> {
  return { name, meaning, shownDefault: `\`${defaultText}\``, parse, whenUnset: () => parse(defaultText, name) };
}

/** A variable whose absence means something of its own (`unsetMeans`, for the documentation): the value is undefined. */
export function optional<T>(name: string, unsetMeans: string, meaning: string, parse: EnvParser<T>): EnvVariable<T | undefined> {
  return { name, meaning, shownDefault: `unset: ${unsetMeans}`, parse, whenUnset: () => undefined };
}

/** A variable the program cannot start without; `hint` says where its value comes from. */
export function required<T>(name: string, meaning: string, hint: string, parse: EnvParser<T>): EnvVariable<T> {
  return {
    name,
    meaning,
    shownDefault: 'none (required)',
    parse,
    whenUnset: () => {
      throw new ConfigError(`${name} is not set: ${hint}.`);
    },
  };
}

export type EnvDeclaration<T> = { readonly [K in keyof T]: EnvVariable<T[K]> };

/** Every declared variable's value, or the first refusal as a ConfigError (or the parser's own error). */
export function readEnv<T extends object>(declaration: EnvDeclaration<T>, env: Environment): T {
  const values: Partial<T> = {};
  for (const key of Object.keys(declaration) as (keyof T)[]) {
    const variable = declaration[key];
    const text = env[variable.name]?.trim();
    values[key] = text === undefined || text === '' ? variable.whenUnset() : variable.parse(text, variable.name);
  }
  return values as T;
}

/** The Markdown table of the declared variables, in declaration order. */
export function envTable<T extends object>(declaration: EnvDeclaration<T>): string {
  const rows = Object.values<EnvVariable<unknown>>(declaration).map((v) => `| \`${v.name}\` | ${v.shownDefault} | ${v.meaning} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

// Parsers for the common kinds of value.

/** An integer from `min` to `max` (a number is no secret, so the refusal shows what was given). */
export function integer(min: number, max: number): EnvParser<number> {
  return (text, name) => {
    const n = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${text}".`);
    return n;
  };
}

/** `1` (on) or `0` (off). */
export const onOff: EnvParser<boolean> = (text, name) => {
  if (text === '1') return true;
  if (text === '0') return false;
  throw new ConfigError(`${name} must be 1 (on) or 0 (off), not "${text}".`);
};

/** Any text without control characters (a host name, a path). */
export const plainText: EnvParser<string> = (text, name) => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new ConfigError(`${name} must not contain control characters.`);
  }
  return text;
};

/** An http:// or https:// URL. */
export const httpUrl: EnvParser<string> = (text, name) => {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new ConfigError(`${name} must be an http:// or https:// URL, not "${text}".`);
  return text;
};
