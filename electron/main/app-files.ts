/** The files the glue loads at run time, beside the compiled main process (dist/electron/main). */
import { fileURLToPath } from 'node:url';

const asset = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const APP_FILES = {
  preload: asset('../../preload/preload.cjs'),
  indexHtml: asset('../../renderer/index.html'),
  // Packed into the app (see the files list in build/electron-builder.yml).
  icon: asset('../../../build/icons/256x256.png'),
  trayIcon: asset(process.platform === 'win32' ? '../../../build/icons/16x16.png' : '../../../build/icons/32x32.png'),
} as const;
