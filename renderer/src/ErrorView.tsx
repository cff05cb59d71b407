import { useState } from 'react';
import type { AppError, AppState, ErrorCode, Result } from '../../electron/shared/contract.js';
import type { Messages } from './messages/index.js';

type Words = { title: string; action: string };

/**
 * An error in customer words: what happened, what to do, and any detail main added.
 * `about: 'vip'` names Symantec instead of "the token service" where that is who failed.
 */
export function ErrorMessage(props: { m: Messages; error: AppError; about?: 'vip' }) {
  const vip: Partial<Record<ErrorCode, Words>> = props.about === 'vip' ? props.m.vipErrors : {};
  const words = vip[props.error.code] ?? props.m.errors[props.error.code];
  return (
    <div className="error" role="alert" data-error={props.error.code}>
      <p className="error-title">{words.title}</p>
      <p>{words.action}</p>
      {props.error.detail && (
        // Main's technical detail is in English; say so where the window speaks Japanese.
        <p className="detail" lang="en">
          {props.m.detailLabel && <span lang={props.m.lang}>{props.m.detailLabel}</span>}
          {props.error.detail}
        </p>
      )}
    </div>
  );
}

/** A whole-window error state (no keychain, corrupt settings, ...) with the one action that helps. */
export function ErrorView(props: {
  m: Messages;
  error: AppError;
  onState: (result: Result<AppState>) => void;
  onRetry: () => Promise<void>;
}) {
  const { m, error } = props;
  const [busy, setBusy] = useState(false);
  const act = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card error-view">
      <ErrorMessage m={m} error={error} />
      {error.code === 'settings_corrupt' ? (
        <>
          {error.keptAt && (
            <p>
              {m.keptAt} <code className="path">{error.keptAt}</code>
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void act(async () => props.onState(await window.mamori.startFresh()))}
          >
            {m.startFresh}
          </button>
        </>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={() => void act(props.onRetry)}>
          {m.tryAgain}
        </button>
      )}
    </section>
  );
}
