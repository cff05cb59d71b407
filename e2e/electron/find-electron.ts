/**
 * The Electron binary's path, or why there is none (one home: scripts/find-electron.mjs, also
 * used by `npm start` and `npm run demo`). Never `require('electron')`: from plain Node that
 * tries to download the binary on the spot.
 */
export { findElectron } from '../../scripts/find-electron.mjs';
