/** The tray icon: copy the code, show the window, quit. Labels follow the app's language. */
import { Menu, nativeImage, Tray } from 'electron';
import type { Language } from '../shared/contract.js';

export interface TrayActions {
  copyCode(): void;
  showWindow(): void;
  quit(): void;
}

const LABELS: Record<Language, { tooltip: string; copyCode: string; showWindow: string; quit: string }> = {
  en: { tooltip: 'Mamori', copyCode: 'Copy security code', showWindow: 'Show Mamori', quit: 'Quit Mamori' },
  ja: { tooltip: 'Mamori', copyCode: 'セキュリティコードをコピー', showWindow: 'Mamori を表示', quit: 'Mamori を終了' },
};

/** Read by the Electron specs (main process only) to see the tray's menu; holds no secret. */
export const TRAY_PROBE = Symbol.for('mamori.tray');

export interface MamoriTray {
  setLanguage(language: Language): void;
  destroy(): void;
}

export function createTray(iconPath: string, language: Language, actions: TrayActions): MamoriTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  const probe = globalThis as { [TRAY_PROBE]?: { labels: string[] } };

  function build(lang: Language): void {
    const labels = LABELS[lang];
    tray.setToolTip(labels.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.copyCode, click: () => actions.copyCode() },
        { label: labels.showWindow, click: () => actions.showWindow() },
        { type: 'separator' },
        { label: labels.quit, click: () => actions.quit() },
      ]),
    );
    probe[TRAY_PROBE] = { labels: [labels.copyCode, labels.showWindow, labels.quit] };
  }

  build(language);
  // A left click shows the window (Windows, most Linux trays); macOS opens the menu instead.
  tray.on('click', () => actions.showWindow());
  return {
    setLanguage: build,
    destroy: () => {
      delete probe[TRAY_PROBE];
      tray.destroy();
    },
  };
}
