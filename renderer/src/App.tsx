import { useCallback, useEffect, useState } from 'react';
import type { AppError, AppState, Result } from '../../electron/shared/contract.js';
import { ErrorView } from './ErrorView.js';
import { useFirstStart } from './first-start.js';
import { LanguageSelect } from './LanguageSelect.js';
import { MainView } from './MainView.js';
import { PreviewNote } from './PreviewNote.js';
import { fallbackLanguage, messagesFor } from './messages/index.js';
import { OutcomeMessage, type AddReport } from './OtherWays.js';
import { Settings } from './Settings.js';
import { AddScreen, Setup } from './Setup.js';

type Screen = 'main' | 'settings' | 'add';
type View = { kind: 'loading' } | { kind: 'state'; state: AppState } | { kind: 'failed'; error: AppError };

export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [screen, setScreenRaw] = useState<Screen>('main');
  /** What the last add did, shown above the main view until dismissed or another screen is opened. */
  const [report, setReport] = useState<AddReport>();
  /** Settings opened from "Restore from a backup": focus its import field. */
  const [restoring, setRestoring] = useState(false);
  const setScreen = useCallback((next: Screen) => {
    setScreenRaw(next);
    setReport(undefined);
    setRestoring(false);
  }, []);

  const showState = useCallback((state: AppState) => setView({ kind: 'state', state }), []);
  const showResult = useCallback((result: Result<AppState>) => {
    setView(result.ok ? { kind: 'state', state: result.value } : { kind: 'failed', error: result.error });
  }, []);
  const reload = useCallback(async () => showResult(await window.mamori.getState()), [showResult]);

  useEffect(() => {
    // reload sets the view only after its await, not during the effect: the rule misreads that (react/react#34905).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a known false positive, see the line above
    void reload();
    return window.mamori.onStateChanged(showState);
  }, [reload, showState]);

  // A screen reader hears each message once; repeating the same one needs a visible change of text.
  const announce = useCallback((text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u00a0` : text)), []);

  const state = view.kind === 'state' ? view.state : undefined;
  const m = messagesFor(state?.language ?? fallbackLanguage());
  const { firstStart, provision } = useFirstStart(state, showState);

  const onAdded = (added: AddReport) => {
    setScreen('main');
    setReport(added);
    announce(m.addedCount(added.added));
  };
  const onProvisioned = (next: AppState) => {
    setScreen('main');
    showState(next);
  };
  const onRestore = () => {
    setScreen('settings');
    setRestoring(true);
  };

  useEffect(() => {
    document.documentElement.lang = m.lang;
    document.title = m.appName;
  }, [m]);

  return (
    <div className="app">
      <header className="app-header">
        <svg className="brand" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          {/* An omamori: a small cloth pouch tied with a cord. */}
          <path d="M9 3.5c0-1.2 1.3-2 3-2s3 .8 3 2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <rect x="5" y="4" width="14" height="18.5" rx="3" />
          <path d="M8 9.5h8M8 12.5h8" stroke="var(--accent-text)" strokeWidth="1.4" />
        </svg>
        <h1>{m.appName}</h1>
        {state && <LanguageSelect m={m} value={state.languagePreference} onState={showResult} />}
        {state?.kind === 'ready' && screen === 'main' && (
          <button type="button" className="icon-button" aria-label={m.addAccount} title={m.addAccount} onClick={() => setScreen('add')}>
            {/* A plus. */}
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M12 5v14M5 12h14" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        )}
        {state && screen !== 'settings' && (
          <button type="button" className="icon-button" aria-label={m.settings} title={m.settings} onClick={() => setScreen('settings')}>
            {/* A gear. */}
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path
                d="M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7Zm8.2 4.6-.1-1.1 1.9-1.5-1.9-3.3-2.3.9a7.7 7.7 0 0 0-1.9-1.1L15.5 3.5h-3.8l-.4 2.5c-.7.3-1.3.6-1.9 1.1l-2.3-.9-1.9 3.3 1.9 1.5a7.7 7.7 0 0 0 0 2.2l-1.9 1.5 1.9 3.3 2.3-.9c.6.5 1.2.8 1.9 1.1l.4 2.5h3.8l.4-2.5c.7-.3 1.3-.6 1.9-1.1l2.3.9 1.9-3.3-1.9-1.5.1-1.1Z"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.5"
                strokeLinejoin="round"
              />
            </svg>
          </button>
        )}
      </header>
      <PreviewNote m={m} />
      <main>
        {/* Always in the page, so that a screen reader hears the words when they appear; empty otherwise. */}
        <p className="progress-line" aria-live="polite" data-testid="progress">
          {firstStart.kind === 'provisioning' ? m.firstStartProgress : ''}
        </p>
        {state && screen === 'settings' && (
          <Settings m={m} state={state} onState={showState} onBack={() => setScreen('main')} announce={announce} focusImport={restoring} />
        )}
        {view.kind === 'loading' && <p className="muted">{m.loading}</p>}
        {view.kind === 'failed' && <ErrorView m={m} error={view.error} onState={showResult} onRetry={reload} />}
        {screen !== 'settings' && state?.kind === 'setup' && (
          <Setup
            m={m}
            serviceUrl={state.serviceUrl}
            firstStart={firstStart}
            onProvision={provision}
            onState={showState}
            onProvisioned={showState}
            onAdded={onAdded}
            onRestore={onRestore}
          />
        )}
        {screen !== 'settings' && state?.kind === 'error' && <ErrorView m={m} error={state.error} onState={showResult} onRetry={reload} />}
        {screen === 'add' && state?.kind === 'ready' && (
          <AddScreen
            m={m}
            serviceUrl={state.serviceUrl}
            onState={showState}
            onProvisioned={onProvisioned}
            onAdded={onAdded}
            onRestore={onRestore}
            onBack={() => setScreen('main')}
          />
        )}
        {screen === 'main' && state?.kind === 'ready' && (
          <>
            {report && <OutcomeMessage m={m} report={report} onDismiss={() => setReport(undefined)} />}
            <MainView m={m} state={state} onState={showState} onRefresh={reload} announce={announce} />
          </>
        )}
      </main>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live">
        {announcement}
      </div>
    </div>
  );
}
