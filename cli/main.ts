#!/usr/bin/env node
/**
 * `mamori`, the command line of the Mamori token. It works on the app's own settings file and
 * keychain entries through the same modules as the app (credential book, vault, settings
 * store, provisioning flows), so both always agree on what a credential is.
 *
 * This file parses the command name, prints help and version, loads the one command module it
 * needs (so `mamori code` does not load the provisioning or backup code, and `--version` loads
 * none), and turns every failure into one line on standard error and an exit code (errors.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDesktopConfig } from '../desktop/config.js';
import { looksLikeName, tooManyArguments } from './args.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UsageError } from './errors.js';
import { safeText, type Io } from './output.js';

interface CommandModule {
  run(io: Io, args: readonly string[]): Promise<void>;
}

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  list: () => import('./commands/list.js'),
  code: () => import('./commands/code.js'),
  add: () => import('./commands/add.js'),
  provision: () => import('./commands/provision.js'),
  export: () => import('./commands/export.js'),
  import: () => import('./commands/import.js'),
  select: () => import('./commands/select.js'),
  rename: () => import('./commands/rename.js'),
  delete: () => import('./commands/delete.js'),
};

/** The version in the package.json above this file (cli/ when run from source, dist/cli/ when built). */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'mamori' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here; look one folder up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** --help or -h among the options (not after "--", where it would be an argument). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * An unknown first word. It is quoted only when it looks like a command name: without `add`,
 * the first word is often the setup link or key itself, which must not end up in a terminal log.
 */
function unknownCommand(word: string): UsageError {
  if (looksLikeName(word)) return new UsageError(`unknown command "${word}"`);
  if (word.startsWith('-')) return new UsageError('unknown option (options come after the command)');
  return new UsageError('the first argument is not a command (to add a setup link or key: mamori add LINK-OR-KEY)');
}

/** The help of one command, or the overview; help.ts is loaded only to print it. */
async function help(command?: string): Promise<string> {
  const { commandHelp, findCommand, mainHelp } = await import('./help.js');
  if (command === undefined) return mainHelp();
  const found = findCommand(command);
  if (found === undefined) throw looksLikeName(command) ? new UsageError(`unknown command "${command}"`) : new UsageError('"help" takes a command name');
  return commandHelp(found);
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(await help());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout.write(await help());
    return EXIT_OK;
  }
  if (name === '--version') {
    if (args.length > 0) throw new UsageError('--version takes no arguments');
    io.stdout.write(`mamori ${version()}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const [topic, ...extra] = args;
    if (extra.length > 0) throw tooManyArguments('help', ['command'], true);
    io.stdout.write(await help(topic));
    return EXIT_OK;
  }
  if (name.startsWith('-') && looksLikeName(name)) throw new UsageError(`unknown option "${name}" (options come after the command)`);
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) throw unknownCommand(name);
  if (wantsHelp(args)) {
    io.stdout.write(await help(name));
    return EXIT_OK;
  }
  await (await load()).run(io, args);
  return EXIT_OK;
}

/** Runs one command line; returns the exit code. Never throws. */
async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const pointer = error.command === undefined ? 'mamori --help' : `mamori ${error.command} --help`;
      io.stderr.write(`mamori: ${error.message} (see "${pointer}")\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Interrupted) return EXIT_INTERRUPTED;
    try {
      const { failureMessage, unexpectedMessage } = await import('./failure-message.js');
      // A token service's own error words end up here: one line, no terminal control characters.
      const line = (failureMessage(error) ?? unexpectedMessage(error)).replace(/\s*[\r\n]+\s*/g, ' ');
      io.stderr.write(`mamori: ${safeText(line)}\n`);
    } catch {
      io.stderr.write('mamori: unexpected error\n');
    }
    return EXIT_FAILED;
  }
}

// A reader that goes away (`mamori list | head -1`) is not an error worth a message.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, config: readDesktopConfig(process.env) });
