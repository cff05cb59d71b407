/**
 * `mamori provision`: a new credential from the token service (or, with --vip, from Symantec
 * VIP), kept and selected as the app keeps it: secret in the keychain, clock offset saved.
 */
import { DEFAULT_VIP_MODEL, isVipTokenModel, VIP_TOKEN_MODELS, type VipTokenModel } from '../../core/vip.js';
import { keepProvisioned, provisionFromService, provisionFromVip, type Provisioned } from '../../desktop/operations/provision.js';
import { createProvisioningClient, parseServiceUrl, ServiceError } from '../../desktop/provisioning-client.js';
import { serviceUrlOf } from '../../desktop/settings-view.js';
import { createVipClient } from '../../desktop/vip-client.js';
import { parseCommand, printable } from '../args.js';
import { openContext } from '../context.js';
import { clause, Failure, UsageError } from '../errors.js';
import { credentialJson, dayOf, printJson, printLines, safeText, type Io } from '../output.js';

const NO_SERVICE = 'no token service is configured (MAMORI_SERVICE_URL is set but empty, and the settings name none); name one with --service URL';

/** A keychain account name no credential has (credential IDs have no hyphen, manual ones start "manual-"). */
const KEYCHAIN_PROBE = 'mamori-keychain-check';

function vipModel(text: string): VipTokenModel {
  const model = text.trim().toUpperCase();
  if (!isVipTokenModel(model))
    throw new UsageError(`"${printable(text)}" is not a VIP model; choose one of ${VIP_TOKEN_MODELS.join(', ')}`, 'provision');
  return model;
}

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values } = parseCommand(args, {
    command: 'provision',
    options: { service: { type: 'string' }, vip: { type: 'string' }, json: { type: 'boolean' } },
    hints: { service: 'the token service address', vip: `a model: ${DEFAULT_VIP_MODEL} (the usual desktop token), ${VIP_TOKEN_MODELS.filter((m) => m !== DEFAULT_VIP_MODEL).join(', ')}` },
  });
  if (values.service !== undefined && values.vip !== undefined) throw new UsageError('give --service or --vip, not both', 'provision');
  const model = values.vip === undefined ? undefined : vipModel(values.vip);
  if (values.service !== undefined) {
    try {
      parseServiceUrl(values.service);
    } catch (error) {
      if (error instanceof ServiceError) throw new UsageError(`--service: ${clause(error.detail)}`, 'provision');
      throw error;
    }
  }

  const context = openContext(io);
  // Settings and keychain first: a corrupt settings file, or a keychain that is locked or
  // missing, is reported before a credential is issued for nothing. Deleting an entry that does
  // not exist reaches the keychain (and its unlock prompt) without writing anything.
  const settings = await context.store.read();
  const serviceUrl = values.service ?? serviceUrlOf(settings, io.config.serviceUrl);
  // As in the app, MAMORI_SERVICE_URL set but empty means that no token service is configured.
  if (model === undefined && serviceUrl === '') throw new Failure(NO_SERVICE);
  await context.vault.delete(KEYCHAIN_PROBE);
  let provisioned: Provisioned;
  if (model !== undefined) {
    const vip = createVipClient({ url: io.config.vipUrl, now: context.now });
    provisioned = await provisionFromVip(vip, model, context.now());
  } else {
    provisioned = await provisionFromService(createProvisioningClient({ now: context.now }), serviceUrl, process.platform, context.now());
  }
  const credential = await keepProvisioned(context.book, provisioned);

  if (values.json === true) {
    printJson(io, credentialJson(credential, credential.credentialId));
    return;
  }
  printLines(io, [
    `New credential ${safeText(credential.credentialId)} from ${safeText(credential.issuer)}, ${
      credential.expiresAt === null ? 'with no expiry' : `valid until ${dayOf(credential.expiresAt)}`
    }.`,
    `Register this credential ID at your bank; "mamori code" shows its codes.`,
  ]);
}
