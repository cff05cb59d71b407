import type { AppState, LanguagePreference, Result } from '../../electron/shared/contract.js';
import type { Messages } from './messages/index.js';

const CHOICES: readonly LanguagePreference[] = ['system', 'ja', 'en'];

export function LanguageSelect(props: {
  m: Messages;
  value: LanguagePreference;
  onState: (result: Result<AppState>) => void;
}) {
  const { m } = props;
  const names: Record<LanguagePreference, string> = { system: m.languageSystem, ja: m.languageJa, en: m.languageEn };
  return (
    <label className="language">
      <span className="visually-hidden">{m.language}</span>
      <select
        value={props.value}
        onChange={async (event) => {
          const language = CHOICES.find((choice) => choice === event.currentTarget.value);
          if (language) props.onState(await window.mamori.updateSettings({ language }));
        }}
      >
        {CHOICES.map((choice) => (
          <option key={choice} value={choice} lang={choice === 'system' ? undefined : choice}>
            {names[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
