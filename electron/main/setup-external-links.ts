/**
 * The origins links may open in the system browser (security.ts asks on every link): the token
 * service's own site. They start from the configured service and follow the settings.
 */
import { allowedExternalOrigins } from '../../desktop/external-links.js';
import type { PreferencesFeed } from '../../desktop/preferences-feed.js';
import type { ExternalOrigins } from './security.js';

export interface ExternalLinks {
  /** For hardenApp, which is set up before the settings can be read. */
  readonly allowed: ExternalOrigins;
  /** From now on the allowlist follows the token service the settings name. */
  follow(preferences: PreferencesFeed, serviceUrl: string): void;
}

export function setupExternalLinks(serviceUrl: string): ExternalLinks {
  let origins: readonly string[] = allowedExternalOrigins(serviceUrl);
  return {
    allowed: () => origins,
    follow(preferences, current) {
      origins = allowedExternalOrigins(current);
      preferences.subscribe((changed) => {
        origins = allowedExternalOrigins(changed.serviceUrl);
      });
    },
  };
}
