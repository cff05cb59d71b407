import { useState } from 'react';
import { windowName } from '../../core/credential-name.js';
import type { AppError, AppState, CredentialView, Result } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';
import { Modal } from './Modal.js';

export type DialogKind = 'delete' | 'reveal';

/** The two actions on a credential that need the user's explicit yes: deleting it and showing its secret. */
export function CredentialDialog(props: {
  m: Messages;
  kind: DialogKind;
  credential: CredentialView;
  onClose: () => void;
  onDeleted: (state: AppState) => void;
  /** The credential is no longer there (deleted elsewhere). */
  onGone: () => void;
}) {
  return props.kind === 'delete' ? <DeleteDialog {...props} /> : <RevealDialog {...props} />;
}

function DeleteDialog(props: { m: Messages; credential: CredentialView; onClose: () => void; onDeleted: (state: AppState) => void; onGone: () => void }) {
  const { m, credential } = props;
  return (
    <AskFirst
      m={m}
      id="delete"
      title={m.deleteTitle(windowName(credential))}
      body={m.deleteBody}
      warning={m.deleteWarning}
      confirmLabel={m.delete}
      confirmClass="danger"
      // Only here, after the user said yes in this dialog, is main asked to delete.
      run={() => window.mamori.deleteCredential(credential.credentialId)}
      onDone={props.onDeleted}
      onGone={props.onGone}
      onClose={props.onClose}
    />
  );
}

/**
 * Asks first; only then fetches the link and QR code, and keeps them only while the dialog is
 * open (closing unmounts it, and with it the only copy the renderer had).
 */
function RevealDialog(props: { m: Messages; credential: CredentialView; onClose: () => void; onGone: () => void }) {
  const { m, credential } = props;
  const name = windowName(credential);
  const [revealed, setRevealed] = useState<{ link: string; qrSvg: string }>();

  if (revealed) {
    return (
      // A new dialog (key): it opens with focus on Close, where the confirm button it replaces had it.
      <Modal key="shown" labelledBy="reveal-title" describedBy="reveal-scan" onClose={props.onClose} testId="reveal-dialog">
        <h2 id="reveal-title">{m.revealShownTitle(name)}</h2>
        {/* SVG markup made in main by the qrcode library from our own otpauth link: no script, no outside data. */}
        <div className="qr" role="img" aria-label={m.showQr} data-testid="reveal-qr" dangerouslySetInnerHTML={{ __html: revealed.qrSvg }} />
        <p id="reveal-scan" className="warning">
          {m.revealScan}
        </p>
        <label className="stack-label">
          {m.revealLink}
          <textarea className="link-text" readOnly rows={3} value={revealed.link} spellCheck={false} data-testid="reveal-link" />
        </label>
        <div className="dialog-buttons">
          <button type="button" className="primary" data-autofocus onClick={props.onClose}>
            {m.close}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <AskFirst
      m={m}
      id="reveal"
      title={m.revealTitle(name)}
      body={m.revealBody}
      warning={m.revealAdvice}
      confirmLabel={m.revealConfirm}
      confirmClass="primary"
      run={() => window.mamori.reveal(credential.credentialId)}
      onDone={setRevealed}
      onGone={props.onGone}
      onClose={props.onClose}
    />
  );
}

/**
 * The confirmation both actions share: what will happen, a warning, Cancel (focused) and the
 * action, which calls main only on yes. A credential gone meanwhile closes the dialog (onGone);
 * any other failure is shown in it.
 */
function AskFirst<T>(props: {
  m: Messages;
  id: DialogKind;
  title: string;
  body: string;
  warning: string;
  confirmLabel: string;
  confirmClass: 'danger' | 'primary';
  run: () => Promise<Result<T>>;
  onDone: (value: T) => void;
  onGone: () => void;
  onClose: () => void;
}) {
  const { m, id } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await props.run();
    setBusy(false);
    if (result.ok) props.onDone(result.value);
    else if (result.error.code === 'credential_not_found') props.onGone();
    else setError(result.error);
  };
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-body`} onClose={props.onClose} testId={`${id}-dialog`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div id={`${id}-body`}>
        <p>{props.body}</p>
        <p className="warning">{props.warning}</p>
      </div>
      {error && <ErrorMessage m={m} error={error} />}
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={props.onClose} disabled={busy}>
          {m.cancel}
        </button>
        <button type="button" className={props.confirmClass} onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
