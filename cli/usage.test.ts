/**
 * The command line itself: help, version, and every kind of usage error (exit 2, one line with a
 * pointer to --help, nothing done). No keychain is reachable from these processes, so a command
 * that wrongly went ahead would fail with exit 1 instead of 2.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIP_TOKEN_MODELS } from '../core/vip.js';
import { commandHelp, COMMANDS, findCommand } from './help.js';
import { newPlace, REPO_ROOT, type CliPlace } from './test-support/cli-process.js';

let place: CliPlace;
beforeAll(async () => {
  place = await newPlace('unix:path=/nonexistent/mamori-bus');
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await place.run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `mamori ${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command and the environment variables', async () => {
    const result = await place.run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['list', 'code', 'add', 'provision', 'export', 'import', 'select', 'rename', 'delete', 'help'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    for (const name of ['MAMORI_HOME', 'MAMORI_KEYCHAIN_SERVICE', 'MAMORI_SERVICE_URL', 'MAMORI_VIP_URL']) expect(result.stdout).toContain(name);
    expect((await place.run(['help'])).stdout).toBe(result.stdout);
  });

  it('each command has help with examples and --json (checked in this process), printed by "mamori help X"', async () => {
    for (const command of COMMANDS.filter((c) => c.name !== 'help')) {
      const text = commandHelp(command);
      expect(text).toMatch(new RegExp(`^Usage: mamori ${command.name} `));
      expect(text).toContain('\nExamples:\n  mamori ');
      expect(text).toContain('--json');
      expect(text.split('\n').every((line) => line.length <= 80 || line.startsWith('  mamori '))).toBe(true);
    }
    expect(await place.run(['help', 'code'])).toEqual({ code: 0, stdout: commandHelp(findCommand('code')!), stderr: '' });
  });

  it('"help X", "X --help" and "X ... -h" print the same help, even where X would fail', async () => {
    const viaHelp = await place.run(['help', 'export']);
    expect(await place.run(['export', '--help'])).toEqual(viaHelp);
    expect(await place.run(['export', 'no/such/folder/file', '--bogus', '-h'])).toEqual(viaHelp);
  });

  it('provision --help lists every VIP model with what it means', async () => {
    const { stdout } = await place.run(['help', 'provision']);
    for (const model of VIP_TOKEN_MODELS) expect(stdout).toMatch(new RegExp(`^  ${model} \\((desktop|mobile)\\)\\s+\\S`, 'm'));
    expect(stdout.replace(/\s+/g, ' ')).toContain('SYDC is the usual choice for a desktop token');
  });

  it('no command at all prints the help on stderr and exits 2', async () => {
    const result = await place.run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: mamori <command>');
  });
});

describe.concurrent('usage errors: exit 2, one line, a pointer to --help', () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /^mamori: unknown command "frobnicate" \(see "mamori --help"\)\n$/],
    [['--frobnicate'], /^mamori: unknown option "--frobnicate" .*\(see "mamori --help"\)\n$/],
    [['help', 'frobnicate'], /^mamori: unknown command "frobnicate"/],
    [['list', '--frobnicate'], /^mamori: unknown option --frobnicate \(see "mamori list --help"\)\n$/],
    [['list', 'extra'], /^mamori: unexpected argument: list takes none \(see "mamori list --help"\)\n$/],
    [['code', 'a', 'b'], /^mamori: unexpected 2nd argument: code takes at most 1, the ID or name; quote one that contains spaces \(see "mamori code --help"\)\n$/],
    [['rename', 'a', 'b', 'c'], /^mamori: unexpected 3rd argument: rename takes 2, the ID or name and the new label;/],
    [['help', 'code', 'extra'], /^mamori: unexpected 2nd argument: help takes at most 1, the command;/],
    [['code', '--json=yes'], /^mamori: --json takes no value/],
    [['add'], /^mamori: missing setup link or key .*\(see "mamori add --help"\)\n$/],
    [['add', 'JBSWY3DPEHPK3PXP', '--label'], /^mamori: --label needs a label/],
    [['export'], /^mamori: missing backup file \(see "mamori export --help"\)\n$/],
    [['import'], /^mamori: missing backup file \(see "mamori import --help"\)\n$/],
    [['import', 'x.mamori', '--password', 'secret-on-the-command-line'], /^mamori: unknown option --password \(see "mamori import --help"\)\n$/],
    [['provision', '--vip'], /^mamori: --vip needs a model: SYDC \(the usual desktop token\), VSST, SYMC, VSMT \(see "mamori provision --help"\)\n$/],
    [['provision', '--vip', 'ABCD'], /^mamori: "ABCD" is not a VIP model; choose one of SYDC, VSST, SYMC, VSMT/],
    [['provision', '--vip', 'SYDC', '--service', 'https://token.example'], /^mamori: give --service or --vip, not both/],
    [['provision', '--service', 'http://token.example'], /^mamori: --service: the token service address must start with https:\/\//],
    [['rename', 'ID'], /^mamori: missing new label/],
    [['rename', 'ID', '   '], /^mamori: the label must be 1 to 200 characters/],
    [['delete', 'ID'], /^mamori: delete needs --yes: .*cannot be recovered/],
    [['--version', 'extra'], /^mamori: --version takes no arguments/],
  ];
  it.for(cases)('mamori %j', async ([args, message], { expect }) => {
    const result = await place.run(args);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});

describe.concurrent('a setup link or key in the wrong place is never echoed', () => {
  const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DP';
  const LINK = `otpauth://totp/Bank:alice?secret=${KEY}&issuer=Bank`;
  const cases: [string, string[], RegExp][] = [
    ['a label given as an argument', ['add', 'Bank', LINK], /^mamori: unexpected 2nd argument: add takes 1, the setup link or key; .*\(see "mamori add --help"\)\n$/],
    ['"add" forgotten', [LINK], /^mamori: the first argument is not a command \(to add a setup link or key: mamori add .*\(see "mamori --help"\)\n$/],
    ['"add" forgotten, a bare key', [KEY], /^mamori: the first argument is not a command/],
    ['a key typed in groups without quotes', ['add', 'jbsw', 'y3dp', 'ehpk', '3pxp'], /^mamori: unexpected 2nd argument: add takes 1/],
    ['a link after the help topic', ['help', 'add', LINK], /^mamori: unexpected 2nd argument: help takes at most 1/],
    ['a link as the help topic', ['help', LINK], /^mamori: "help" takes a command name/],
    ['a key that looks like an option', [`--${KEY}`], /^mamori: unknown option \(options come after the command\)/],
    ['a key that looks like an option, after a command', ['add', LINK, `--${KEY}`], /^mamori: unknown option \(put "--" before/],
  ];
  it.for(cases)('%s', async ([_what, args, message], { expect }) => {
    const result = await place.run(args);
    // Not the link, not the key nor a piece of it (in either case).
    expect(result.stderr).not.toContain('otpauth://');
    const said = result.stderr.toUpperCase();
    for (let i = 0; i + 4 <= KEY.length; i++) expect(said).not.toContain(KEY.slice(i, i + 4));
    // Still a usage error with a hint.
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('after the usage errors', () => {
  it('nothing was done: no settings file was written', async () => {
    expect(await readdir(place.home)).toEqual([]);
  });
});
