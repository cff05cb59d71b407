import type { AppError, AppState, Result } from '../../electron/shared/contract.js';

/**
 * An answer that carries a state (provisioning, settings), as what the window shows: the state, or
 * the error to show beside the control that asked. An error state counts as an error here, so that
 * a failure is said where the customer acted rather than replacing the whole window.
 */
export function stateOrError(result: Result<AppState>): { state: AppState; error?: never } | { error: AppError; state?: never } {
  if (!result.ok) return { error: result.error };
  if (result.value.kind === 'error') return { error: result.value.error };
  return { state: result.value };
}
