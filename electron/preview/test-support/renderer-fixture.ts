/**
 * Test support: a stand-in for the build output the preview serves (dist/renderer and
 * dist/preview/bridge.js), so the host's tests run without a build. The page is the real source
 * index.html: its CSP is what the preview must keep.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RendererFixture {
  rendererDir: string;
  bridgeFile: string;
  remove(): void;
}

export function rendererFixture(): RendererFixture {
  const folder = mkdtempSync(join(tmpdir(), 'mamori-preview-files-'));
  const rendererDir = join(folder, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  copyFileSync(new URL('../../../renderer/index.html', import.meta.url), join(rendererDir, 'index.html'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  const bridgeFile = join(folder, 'bridge.js');
  writeFileSync(bridgeFile, 'window.bridge = 1;\n');
  return { rendererDir, bridgeFile, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
