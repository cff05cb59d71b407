import { memo, useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { groupCode } from '../../core/code.js';
import { accountLineOf, hasOwnName, subtitleOf, titleOf, windowName } from '../../core/credential-name.js';
import { secondsLeft, stepEndsAt } from '../../core/step.js';
import type { AppError, AppState, CredentialView, Result } from '../../electron/shared/contract.js';
import { CountdownRing } from './CountdownRing.js';
import { CredentialDialog, type DialogKind } from './CredentialDialogs.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';
import { shownOf, type Shown } from './shown.js';
import { useCorrectedNow } from './use-now.js';

type Ready = Extract<AppState, { kind: 'ready' }>;

/** The period the list's shared countdown stands for; rows with another period show their own. */
const SHARED_PERIOD = 30;

const FIRST_CODE_MARK = 'mamori:first-code';

/** True when Ctrl/Cmd+C should be left to the browser: text is selected or being edited, or a dialog is open. */
function leaveCopyToBrowser(): boolean {
  if (document.querySelector('dialog[open]')) return true;
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement) return true;
  if (active instanceof HTMLInputElement) {
    if (active.type === 'text' || active.type === 'password' || active.selectionStart !== active.selectionEnd) return true;
  }
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString() !== '';
}

type RowAction = { kind: 'select' | 'copy' | 'up' | 'down'; credentialId: string };

export function MainView(props: {
  m: Messages;
  state: Ready;
  onState: (state: AppState) => void;
  onRefresh: () => Promise<void>;
  announce: (text: string) => void;
}) {
  const { m, state, announce, onState, onRefresh } = props;
  const { credentials, clock } = state;
  const now = useCorrectedNow(clock.offsetMs);
  const selected = credentials.find((card) => card.credential.credentialId === state.selectedId) ?? credentials[0];
  const [error, setError] = useState<AppError>();
  const [dialog, setDialog] = useState<{ kind: DialogKind; credentialId: string }>();
  /** After a move, the arrow button to give focus back to (its row has moved in the DOM). */
  const refocus = useRef<{ credentialId: string; direction: 'up' | 'down' } | null>(null);

  // For `npm run bench`: when the first code reached the screen (marked once per page load).
  useEffect(() => {
    if (performance.getEntriesByName(FIRST_CODE_MARK).length === 0) performance.mark(FIRST_CODE_MARK);
  }, []);

  // Past a step's end, the next code is already known and shown; main is asked once for fresh state.
  const dueAt = Math.min(...credentials.flatMap((card) => (card.code !== null && now >= card.code.stepEndsAt ? [card.code.stepEndsAt] : [])));
  const refreshedFor = useRef(0);
  useEffect(() => {
    if (Number.isFinite(dueAt) && refreshedFor.current !== dueAt) {
      refreshedFor.current = dueAt;
      void onRefresh();
    }
  }, [dueAt, onRefresh]);

  /** Runs a change in main; a credential gone meanwhile (CLI, other window) refreshes the list. */
  async function act(task: () => Promise<Result<AppState>>): Promise<AppState | undefined> {
    setError(undefined);
    const result = await task();
    if (result.ok) {
      onState(result.value);
      return result.value;
    }
    setError(result.error);
    if (result.error.code === 'credential_not_found') await onRefresh();
    return undefined;
  }

  // Always name the credential on screen: the selection saved in main may have changed meanwhile
  // (the CLI's `mamori select`), and what is copied must be what the user sees.
  const copyCode = async (credentialId: string) => {
    const result = await window.mamori.copyCode(credentialId);
    announce(result.ok ? m.copiedCode : m.copyFailed);
  };
  const copyId = async (credentialId: string) => {
    const result = await window.mamori.copyCredentialId(credentialId);
    announce(result.ok ? m.copiedCredentialId : m.copyFailed);
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key.toLowerCase() !== 'c' || leaveCopyToBrowser()) return;
    if (selected === undefined) return;
    event.preventDefault();
    void copyCode(selected.credential.credentialId);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const onRowAction = async ({ kind, credentialId }: RowAction) => {
    const index = credentials.findIndex((card) => card.credential.credentialId === credentialId);
    const card = credentials[index];
    if (card === undefined) return;
    if (kind === 'copy') return copyCode(credentialId);
    if (kind === 'select') {
      if (credentialId !== selected?.credential.credentialId) await act(() => window.mamori.select(credentialId));
      return;
    }
    const toIndex = kind === 'up' ? index - 1 : index + 1;
    if (toIndex < 0 || toIndex >= credentials.length) return;
    refocus.current = { credentialId, direction: kind };
    if (await act(() => window.mamori.move(credentialId, toIndex))) announce(m.moved(windowName(card.credential), toIndex + 1, credentials.length));
  };
  // Rows are memoised: they get one stable callback that always runs the latest handler.
  const latestRowAction = useRef(onRowAction);
  useLayoutEffect(() => {
    latestRowAction.current = onRowAction;
  });
  const rowAction = useCallback((action: RowAction) => void latestRowAction.current(action), []);

  // Moving a row moves its DOM node, which loses focus: give it back to the same arrow (or the other one at an end).
  useEffect(() => {
    const target = refocus.current;
    if (target === null) return;
    refocus.current = null;
    const row = document.querySelector(`[data-credential-id="${CSS.escape(target.credentialId)}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`button[data-move="${target.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`button[data-move="${target.direction === 'up' ? 'down' : 'up'}"]`);
    (same && !same.disabled ? same : other)?.focus();
  }, [credentials]);

  if (selected === undefined) return null;
  const hero = shownOf(selected, now);
  const hasShared = credentials.some((card) => card.credential.period === SHARED_PERIOD);
  const sharedLeft = secondsLeft(now, stepEndsAt(now, SHARED_PERIOD));
  const dialogCard = dialog && credentials.find((card) => card.credential.credentialId === dialog.credentialId);

  return (
    <div className="main-view">
      {clock.warning && (
        <p className="warning" data-testid="clock-warning">
          {m.clockWarning(Math.round(Math.abs(clock.offsetMs) / 1000))}
        </p>
      )}
      {error && <ErrorMessage m={m} error={error} />}

      <Selected
        key={selected.credential.credentialId}
        m={m}
        credential={selected.credential}
        shown={hero}
        nextCode={selected.code?.nextCode ?? ''}
        onCopyCode={() => void copyCode(selected.credential.credentialId)}
        onCopyId={() => void copyId(selected.credential.credentialId)}
        onRename={async (label) => {
          if (await act(() => window.mamori.rename(selected.credential.credentialId, label))) announce(m.renamed(label));
        }}
        onDialog={(kind) => setDialog({ kind, credentialId: selected.credential.credentialId })}
      />

      {credentials.length > 1 && (
        <section className="list" aria-labelledby="list-title">
          <div className="row list-head">
            <h2 id="list-title" className="field-label">
              {m.credentialList}
            </h2>
            {/* The big ring counts for the 30 s codes unless the selected credential has another period. */}
            {hasShared && selected.credential.period !== SHARED_PERIOD && (
              <span className="muted small" data-testid="shared-seconds">
                {m.sharedCountdown(sharedLeft)}
              </span>
            )}
          </div>
          <ul className="credentials">
            {credentials.map((card, index) => {
              const shown = shownOf(card, now);
              return (
                <Row
                  key={card.credential.credentialId}
                  m={m}
                  credential={card.credential}
                  code={shown.missing ? null : shown.code}
                  secondsLeft={card.credential.period === SHARED_PERIOD || shown.missing ? null : shown.left}
                  selected={card === selected}
                  first={index === 0}
                  last={index === credentials.length - 1}
                  onAction={rowAction}
                />
              );
            })}
          </ul>
        </section>
      )}

      {dialog && dialogCard && (
        <CredentialDialog
          m={m}
          kind={dialog.kind}
          credential={dialogCard.credential}
          onClose={() => setDialog(undefined)}
          onDeleted={(next) => {
            announce(m.deleted(windowName(dialogCard.credential)));
            setDialog(undefined);
            onState(next);
          }}
          onGone={() => {
            setDialog(undefined);
            void onRefresh();
          }}
        />
      )}
    </div>
  );
}

/** The selected credential, large: its ID or name, the code, the countdown, copy and its actions. */
function Selected(props: {
  m: Messages;
  credential: CredentialView;
  shown: Shown;
  nextCode: string;
  onCopyCode: () => void;
  onCopyId: () => void;
  onRename: (label: string) => Promise<void>;
  onDialog: (kind: DialogKind) => void;
}) {
  const { m, credential, shown } = props;
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const finishRename = (label: string | null) => {
    setRenaming(false);
    renameButton.current?.focus();
    if (label !== null) void props.onRename(label);
  };
  const editor = renaming && <NameEditor m={m} initial={credential.label} onDone={finishRename} />;

  return (
    <>
      {credential.source === 'manual' ? (
        <section className="field" aria-labelledby="account-label">
          <h2 id="account-label" className="field-label">
            {m.account}
          </h2>
          {editor || (
            <p className="account" data-testid="account">
              {accountLineOf(credential)}
            </p>
          )}
        </section>
      ) : (
        <section className="field" aria-labelledby="credential-id-label">
          <h2 id="credential-id-label" className="field-label">
            {m.credentialId}
          </h2>
          {editor ||
            (hasOwnName(credential) && (
              <p className="account" data-testid="credential-name">
                {credential.label}
              </p>
            ))}
          <div className="row">
            <span className="credential-id" data-testid="credential-id">
              {credential.credentialId}
            </span>
            <button type="button" className="copy" aria-label={m.copyCredentialId} onClick={props.onCopyId}>
              {m.copy}
            </button>
          </div>
        </section>
      )}

      <section className="field" aria-labelledby="code-label">
        <h2 id="code-label" className="field-label">
          {m.securityCode}
        </h2>
        {shown.missing ? (
          // The rest of the list still works; this one can only be deleted or restored from a backup.
          <ErrorMessage m={m} error={{ code: 'secret_missing' }} />
        ) : (
          <>
            <div className="row code-row">
              <span className={shown.ending ? 'code ending' : 'code'} data-testid="code">
                {groupCode(shown.code)}
              </span>
              <CountdownRing secondsLeft={shown.left} period={credential.period} label={m.secondsLeft(shown.left)} ending={shown.ending} />
            </div>
            <button
              type="button"
              className="copy primary wide"
              aria-label={m.copyCode}
              aria-keyshortcuts="Control+C Meta+C"
              onClick={props.onCopyCode}
            >
              {m.copy}
            </button>
            <p className="muted small hint" data-testid="soon">
              {shown.ending ? (
                <>
                  {m.changingSoon} {m.nextCode}: <span data-testid="next-code">{groupCode(props.nextCode)}</span>
                </>
              ) : (
                m.shortcutHint
              )}
            </p>
          </>
        )}
        <div className="actions" role="group" aria-label={windowName(credential)}>
          <button type="button" className="link-button" ref={renameButton} onClick={() => setRenaming(true)}>
            {m.rename}
          </button>
          <button type="button" className="link-button" onClick={() => props.onDialog('reveal')}>
            {m.showQr}
          </button>
          <button type="button" className="link-button danger-text" onClick={() => props.onDialog('delete')}>
            {m.delete}
          </button>
        </div>
      </section>
    </>
  );
}

/** Inline rename: Enter (or leaving the field) saves, Escape cancels. */
function NameEditor(props: { m: Messages; initial: string; onDone: (label: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    const label = input.current?.value.trim() ?? '';
    props.onDone(save && label !== '' && label !== props.initial ? label : null);
  };
  return (
    <div className="rename">
      <input
        ref={input}
        type="text"
        defaultValue={props.initial}
        aria-label={props.m.name}
        aria-describedby="rename-hint"
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        data-testid="rename-input"
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'Escape') {
            event.preventDefault();
            finish(event.key === 'Enter');
          }
        }}
        onBlur={() => finish(true)}
      />
      <span id="rename-hint" className="muted small block">
        {props.m.renameHint}
      </span>
    </div>
  );
}

/**
 * One credential in the list. Memoised on primitives so that a tick re-renders only rows whose
 * code or own countdown changed.
 */
const Row = memo(function Row(props: {
  m: Messages;
  credential: CredentialView;
  /** Null when the keychain has no secret for it. */
  code: string | null;
  /** Shown for a period other than the shared countdown's, else null. */
  secondsLeft: number | null;
  selected: boolean;
  first: boolean;
  last: boolean;
  onAction: (action: RowAction) => void;
}) {
  const { m, credential } = props;
  const credentialId = credential.credentialId;
  const name = windowName(credential);
  const subtitle = subtitleOf(credential);
  return (
    <li className={props.selected ? 'cred selected' : 'cred'} data-testid="credential-row" data-credential-id={credentialId}>
      {/* The whole row selects (the button's hit area covers it); the other buttons sit above it. */}
      <button
        type="button"
        className="cred-select"
        aria-current={props.selected ? 'true' : undefined}
        onClick={() => props.onAction({ kind: 'select', credentialId })}
      >
        <span className="cred-title" data-testid="row-title">
          {titleOf(credential)}
        </span>
        {subtitle && (
          <span className="cred-sub" data-testid="row-subtitle">
            {subtitle}
          </span>
        )}
      </button>
      {props.code === null ? (
        <span className="cred-code missing" data-testid="row-code">
          {m.noSecret}
        </span>
      ) : (
        <span className="cred-code" data-testid="row-code">
          {groupCode(props.code)}
        </span>
      )}
      {props.secondsLeft !== null && (
        <span className="cred-seconds" data-testid="row-seconds" title={m.secondsLeft(props.secondsLeft)}>
          {props.secondsLeft}
          {m.secondsShort}
        </span>
      )}
      <button type="button" className="copy small-button" aria-label={m.copyCodeOf(name)} onClick={() => props.onAction({ kind: 'copy', credentialId })}>
        {m.copy}
      </button>
      <span className="cred-move">
        <button type="button" className="arrow" data-move="up" aria-label={m.moveUp(name)} disabled={props.first} onClick={() => props.onAction({ kind: 'up', credentialId })}>
          <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
            <path d="M2 8l4-4 4 4" />
          </svg>
        </button>
        <button type="button" className="arrow" data-move="down" aria-label={m.moveDown(name)} disabled={props.last} onClick={() => props.onAction({ kind: 'down', credentialId })}>
          <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
            <path d="M2 4l4 4 4-4" />
          </svg>
        </button>
      </span>
    </li>
  );
});
