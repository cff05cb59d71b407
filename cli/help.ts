/**
 * Every help text of `mamori`, as data: `mamori help`, `mamori help <command>` and
 * `<command> --help` all print from here, and loading it costs no keychain or network module.
 */
import { DEFAULT_VIP_MODEL, VIP_MODEL_INFO, VIP_MODEL_NOTE, VIP_TOKEN_MODELS } from '../core/vip.js';
import { MIN_PASSWORD_LENGTH } from '../desktop/backup.js';
import { DEFAULT_SERVICE_URL, DESKTOP_VARIABLES } from '../desktop/config.js';

export interface CommandHelp {
  readonly name: string;
  /** After "mamori <name>". */
  readonly usage: string;
  /** The short form listed in `mamori --help`. */
  readonly synopsis: string;
  readonly summary: string;
  readonly description: readonly string[];
  readonly options: readonly (readonly [string, string])[];
  /** What --json prints. */
  readonly json?: readonly string[];
  readonly examples: readonly string[];
}

const WIDTH = 80;
/** Where descriptions start in the lists of commands, options and variables. */
const COLUMN = 28;

/** Words wrapped to the terminal width, each line indented. */
function wrap(text: string, indent: number, first = indent): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(first);
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** "  --flag      words" with the words wrapped under themselves. */
function defList(items: readonly (readonly [string, string])[], column: number): string[] {
  const out: string[] = [];
  for (const [term, words] of items) {
    const head = `  ${term}`;
    if (head.length + 2 <= column) {
      const body = wrap(words, column);
      body[0] = head.padEnd(column) + (body[0] ?? '').trimStart();
      out.push(...body);
    } else {
      out.push(head, ...wrap(words, column));
    }
  }
  return out;
}

const JSON_OPTION = ['--json', 'Print JSON for scripts instead of text (see "Output with --json").'] as const;

const CREDENTIAL_FIELDS =
  'A credential is {"credentialId", "label", "issuer", "algorithm" ("SHA1", "SHA256" or "SHA512"), "digits" (6 or 8), "period" (30 or 60), ' +
  '"source" ("service", "vip" or "manual"), "createdAt" and "expiresAt" (ISO 8601 times; expiresAt may be null), "selected" (true or false)}.';

const SKIPPED_JSON =
  '{"added": [credential, ...], "skipped": [{"label", "kind" ("duplicate": already in Mamori; "counter_based", "unsupported" or "invalid": ' +
  'an account of an export link Mamori cannot use), "reason"}, ...]}';

const PASSWORD_WORDS =
  `The backup password (at least ${MIN_PASSWORD_LENGTH} characters) is never an argument: it is asked for with echo off when standard input ` +
  'is a terminal, else read from the first line of standard input, or from the first line of the file given with --password-file.';

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'list',
    synopsis: '',
    usage: '[--json]',
    summary: 'List the credentials; * marks the selected one.',
    description: [
      'Lists every credential in the order the app shows them: its ID, issuer, label, where it came from (service, vip or manual), its kind of code and when it expires. ' +
        'The selected credential, the one "mamori code" and the app show by default, is marked with *. No secret and no code is shown, and the keychain is not opened.',
    ],
    options: [JSON_OPTION],
    json: ['{"selectedId": ID or null, "credentials": [credential, ...]}', CREDENTIAL_FIELDS],
    examples: ['mamori list', 'mamori list --json'],
  },
  {
    name: 'code',
    synopsis: '[ID|NAME]',
    usage: '[ID|NAME] [--json]',
    summary: 'Show the current code of a credential and the seconds it stays valid.',
    description: [
      'Shows the current code of the named credential, or of the selected one. A credential is named by its exact ID, else by its label, issuer or ' +
        '"Issuer (label)" ignoring case, when exactly one credential matches; otherwise nothing is shown and the candidates are listed.',
      'The code alone goes to standard output, so that $(mamori code) is the code; the seconds left and the credential go to standard error. ' +
        'Codes use the clock correction measured against the token service, as in the app.',
    ],
    options: [JSON_OPTION],
    json: [
      '{"credentialId", "label", "issuer", "code", "nextCode", "secondsLeft" (whole seconds the code stays valid), ' +
        '"validUntil" (ISO 8601 time on this computer\'s clock when the next code takes over), "digits", "period"}',
    ],
    examples: ['mamori code', 'mamori code VSST12345678', 'mamori code github --json'],
  },
  {
    name: 'add',
    synopsis: '<LINK|KEY|->',
    usage: '<LINK|KEY|-> [--label LABEL] [--json]',
    summary: 'Add credentials from an otpauth:// link, an export link or a setup key.',
    description: [
      'Adds the account of an otpauth://totp/ link, every account of a Google Authenticator export link (otpauth-migration://; accounts Mamori cannot use ' +
        'are listed as skipped), or a bare base32 setup key (SHA1, 6 digits, 30 seconds). The secrets go to the keychain and the last added credential becomes the selected one. ' +
        'The link is never printed.',
      'A link or key given as an argument stays in your shell history; give "-" instead to type it with echo off, or to pipe it on standard input (its first line).',
    ],
    options: [['--label LABEL', 'The label of a bare setup key (default "Account"), or of a link that has none.'], JSON_OPTION],
    json: [SKIPPED_JSON, CREDENTIAL_FIELDS],
    examples: [
      "mamori add 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'",
      'mamori add - --label "My bank"         (then type or paste the key; nothing is echoed)',
      'pbpaste | mamori add -',
    ],
  },
  {
    name: 'provision',
    synopsis: '[--vip MODEL]',
    usage: '[--service URL | --vip MODEL] [--json]',
    summary: 'Get a new credential from the token service or from Symantec VIP.',
    description: [
      'Asks a token service for a new credential, keeps its secret in the keychain, selects it and prints its credential ID (register this ID at your bank) and when it expires. ' +
        `The service is --service URL, else the one in the settings, else MAMORI_SERVICE_URL, else ${DEFAULT_SERVICE_URL}; MAMORI_SERVICE_URL set but empty means none, so --service is needed. ` +
        'The clock correction measured while provisioning is saved, as in the app. The address must be https://, except on this computer (http://localhost, http://127.x.x.x, http://[::1]).',
      '--vip MODEL gets a Symantec VIP credential instead, through the protocol of the official VIP Access clients (reverse engineered; Symantec may refuse it at any time). ' +
        'MODEL is required: each model is a different family of credential IDs and your bank decides which families it accepts, so choose on purpose. ' +
        `${DEFAULT_VIP_MODEL} is the usual choice for a desktop token. Models:`,
    ],
    options: [
      ['--service URL', 'The token service to ask, for this run only (the settings are not changed).'],
      ['--vip MODEL', `A Symantec VIP credential of this model: ${VIP_TOKEN_MODELS.join(', ')} (case does not matter).`],
      JSON_OPTION,
    ],
    json: ['credential (see "mamori help list")'],
    examples: ['mamori provision', 'mamori provision --service https://token.example.jp', `mamori provision --vip ${DEFAULT_VIP_MODEL}`],
  },
  {
    name: 'export',
    synopsis: '<FILE>',
    usage: '<FILE> [--force] [--password-file FILE] [--json]',
    summary: 'Save every credential, with its secret, in a password-encrypted backup file.',
    description: [
      'Writes every credential and its secret to FILE, encrypted with a password (scrypt and AES-256-GCM, docs/backup-format.md), so that the tokens can be restored ' +
        'with "mamori import" or the app on another computer. The file is written whole or not at all, readable only by you (mode 0600), and an existing file is never ' +
        'replaced unless --force is given. Keep the password apart from the file: together they are your tokens.',
      PASSWORD_WORDS + ' At a terminal the password is asked twice.',
    ],
    options: [
      ['--force', 'Replace FILE if it exists.'],
      ['--password-file FILE', 'Read the password from the first line of this file.'],
      JSON_OPTION,
    ],
    json: ['{"file": FILE as given, "count": number of credentials saved}'],
    examples: ['mamori export mamori-backup.mamori', 'printf "%s\\n" "$BACKUP_PASSWORD" | mamori export backup.mamori --force'],
  },
  {
    name: 'import',
    synopsis: '<FILE>',
    usage: '<FILE> [--password-file FILE] [--json]',
    summary: 'Add the credentials of a backup file.',
    description: [
      'Adds every credential of a backup written by "mamori export" or the app. All or nothing: with a wrong password, a damaged file or an unreadable keychain nothing ' +
        'is imported. Credentials already present (same ID) are skipped, so importing the same backup twice changes nothing. The selection does not change.',
      PASSWORD_WORDS,
    ],
    options: [['--password-file FILE', 'Read the password from the first line of this file.'], JSON_OPTION],
    json: [SKIPPED_JSON, CREDENTIAL_FIELDS],
    examples: ['mamori import mamori-backup.mamori', 'mamori import backup.mamori --password-file ~/.backup-password'],
  },
  {
    name: 'select',
    synopsis: '<ID|NAME>',
    usage: '<ID|NAME> [--json]',
    summary: 'Choose the credential that "mamori code" and the app show by default.',
    description: ['Names a credential as "mamori code" does.'],
    options: [JSON_OPTION],
    json: ['credential'],
    examples: ['mamori select VSST12345678'],
  },
  {
    name: 'rename',
    synopsis: '<ID|NAME> <LABEL>',
    usage: '<ID|NAME> <LABEL> [--json]',
    summary: "Change a credential's label.",
    description: ['Names a credential as "mamori code" does. The label is 1 to 200 characters; the credential ID never changes.'],
    options: [JSON_OPTION],
    json: ['credential'],
    examples: ['mamori rename VSST12345678 "Shinkin bank"'],
  },
  {
    name: 'delete',
    synopsis: '<ID|NAME> --yes',
    usage: '<ID|NAME> --yes [--json]',
    summary: 'Remove a credential and its secret from the keychain.',
    description: [
      'Names a credential as "mamori code" does. The secret is deleted from the keychain and cannot be recovered, so --yes is required; ' +
        'stop the token at your bank first, or keep a backup ("mamori export").',
    ],
    options: [['--yes', 'Really delete.'], JSON_OPTION],
    json: ['{"deleted": credential}'],
    examples: ['mamori delete manual-3fa29c01be44 --yes'],
  },
  {
    name: 'help',
    synopsis: '[COMMAND]',
    usage: '[COMMAND]',
    summary: 'Show help for mamori or for one command.',
    description: [],
    options: [],
    examples: ['mamori help provision'],
  },
];

export function findCommand(name: string): CommandHelp | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The variables a person sets, declared with the app's (desktop/config.ts): the app reads the same ones. */
const ENVIRONMENT: readonly (readonly [string, string])[] = Object.entries(DESKTOP_VARIABLES)
  .filter(([, variable]) => variable.setBy === 'user')
  .map(([name, variable]) => [name, `${variable.meaning} Default: ${variable.default}.`]);

export function mainHelp(): string {
  const lines = [
    'mamori, the command line of the Mamori software token (お守り).',
    'It shares the app\'s settings file and keychain, so a credential added in one is there in the other.',
    '',
    'Usage: mamori <command> [arguments] [options]',
    '',
    'Commands:',
    ...defList(
      COMMANDS.map((c) => [`${c.name} ${c.synopsis}`.trim(), c.summary]),
      COLUMN,
    ),
    '',
    'Options:',
    ...defList(
      [
        ['-h, --help', 'Show help; after a command, that command\'s help.'],
        ['--version', 'Show the version.'],
        ['--json', 'After a command: print JSON for scripts (every command has it).'],
      ],
      COLUMN,
    ),
    '',
    'Environment:',
    ...defList(ENVIRONMENT, COLUMN),
    '',
    'Exit status: 0 done; 1 the operation failed (one line on standard error says why); 2 the command line is wrong; 130 interrupted.',
    'No command prints a secret.',
    '',
    'Examples:',
    '  mamori provision --vip SYDC',
    '  mamori code',
    '  mamori list --json',
    '  mamori export backup.mamori',
    '',
    'Run "mamori help <command>" for more.',
  ];
  return `${lines.flatMap((line) => (line.length > WIDTH && !line.startsWith(' ') ? wrap(line, 0) : [line])).join('\n')}\n`;
}

export function commandHelp(command: CommandHelp): string {
  const lines = [`Usage: mamori ${command.name} ${command.usage}`.trimEnd(), '', ...wrap(command.summary, 0)];
  for (const paragraph of command.description) lines.push('', ...wrap(paragraph, 0));
  if (command.name === 'provision') {
    lines.push(...defList(VIP_TOKEN_MODELS.map((m) => [`${m} (${VIP_MODEL_INFO[m].kind})`, VIP_MODEL_INFO[m].en]), 20));
    lines.push(...wrap(VIP_MODEL_NOTE.en, 0));
  }
  if (command.options.length > 0) lines.push('', 'Options:', ...defList(command.options, COLUMN));
  if (command.json !== undefined) lines.push('', 'Output with --json:', ...command.json.flatMap((text) => wrap(text, 2)));
  if (command.examples.length > 0) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}
