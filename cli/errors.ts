/**
 * What can go wrong in a `mamori` command, and the one line each failure prints. Exit codes:
 * 0 success, 1 the operation failed (a Failure or a known error from the shared modules),
 * 2 the command line was wrong (UsageError), 130 the user pressed Ctrl-C at a prompt.
 *
 * Messages name what failed and, where there is one, what to do; none contains a secret, a
 * password or a setup link, and none is a stack trace. The words for the shared modules' errors
 * are in failure-message.ts, loaded only when something failed.
 */
import { errnoOf } from '../node-shared/errno.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what a shell reports for Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** The command line is wrong (unknown command or option, missing or bad argument). */
export class UsageError extends Error {
  /** The command whose --help to point at; undefined for the top level. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** The operation failed; the message is the whole explanation. */
export class Failure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Failure';
  }
}

/** Ctrl-C or Ctrl-D at a password prompt. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Sentence openers that are not names; any other first word (Symantec, Mamori, an ID) keeps its case. */
const OPENERS = new Set(['The', 'There', 'This', 'That', 'These', 'No', 'A', 'An', 'It', 'Its', 'Use', 'Your', 'Too', 'Nothing', 'Every', 'Could', 'Cannot', 'Check', 'Choose']);

/** "The keychain is locked." → "the keychain is locked", to follow "mamori: ". */
export function clause(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  const first = /^[A-Za-z]+/.exec(trimmed)?.[0] ?? '';
  return OPENERS.has(first) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EEXIST: 'it already exists',
};

/** "could not read backup.mamori (ENOENT: no such file)". */
export function fileFailure(verb: string, path: string, error: unknown): Failure {
  const code = errnoOf(error);
  const words = ERRNO_WORDS[code];
  return new Failure(`could not ${verb} ${path} (${words === undefined ? code : `${code}: ${words}`})`);
}
