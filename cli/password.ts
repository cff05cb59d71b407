/**
 * Reading a backup password (or a setup link) without it ever being a command-line argument,
 * where `ps` and the shell history would keep it:
 *   - from the terminal with echo off, when standard input is a terminal;
 *   - else the first line of standard input, so that scripts can pipe it;
 *   - or the first line of a file (--password-file).
 */
import { readFile } from 'node:fs/promises';
import { Failure, fileFailure, Interrupted, UsageError } from './errors.js';
import type { Io } from './output.js';

/** Longer than any password or export link a person would use; bounds what is buffered. */
const MAX_LINE = 64 * 1024;

/** The first line of the stream (without its \r\n), or null when it ended with nothing at all. */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    let received = false;
    const done = (error: Error | null, line: string | null) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.pause();
      if (error === null) resolve(line);
      else reject(error);
    };
    const onData = (chunk: string | Buffer) => {
      received = true;
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) done(null, text.slice(0, end).replace(/\r$/, ''));
      else if (text.length > MAX_LINE) done(new Failure('the first line of standard input is too long'), null);
    };
    const onEnd = () => done(null, received ? text.replace(/\r$/, '') : null);
    const onError = (error: Error) => done(new Failure(`could not read standard input (${error.message})`), null);
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

/**
 * Ask on the terminal with echo off. Backspace and Ctrl-U edit, Enter or Ctrl-D ends, Ctrl-C
 * throws Interrupted. The prompt goes to standard error, so standard output stays clean.
 */
export function promptHidden(io: Io, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error: Error | null) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error === null) resolve(value);
      else reject(error);
    };
    const onData = (chunk: string | Buffer) => {
      const text = chunk.toString();
      if (text.startsWith('\u001b')) return; // arrow keys and other escape sequences: ignored
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new Interrupted());
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char === '\u0015') value = '';
        else if (char >= ' ') value += char;
      }
    };
    // Echo off before the prompt shows: whatever is typed once it is visible must not echo.
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
    stderr.write(prompt);
  });
}

export interface PasswordOptions {
  /** The command, for the usage message. */
  readonly command: string;
  /** --password-file, if given. */
  readonly file: string | undefined;
  /** Ask twice on a terminal (for a new backup). */
  readonly confirm: boolean;
}

export async function readPassword(io: Io, options: PasswordOptions): Promise<string> {
  if (options.file !== undefined) {
    const text = await readFile(options.file, 'utf8').catch((error: unknown) => {
      throw fileFailure('read the password file', options.file!, error);
    });
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new Failure(`the password file ${options.file} is empty (the password is its first line)`);
    return line;
  }
  if (io.stdin.isTTY) {
    const password = await promptHidden(io, 'Backup password: ');
    if (password === '') throw new Failure('no password was given');
    if (options.confirm && (await promptHidden(io, 'The same password again: ')) !== password)
      throw new Failure('the two passwords differ; nothing was written');
    return password;
  }
  const line = await readFirstLine(io.stdin);
  if (line === null || line === '')
    throw new UsageError('no password: type it at a terminal, pipe it as the first line of standard input, or use --password-file FILE', options.command);
  return line;
}
