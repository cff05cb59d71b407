import { describe, expect, it } from 'vitest';
import { createClipboardKeeper, type ClipboardAccess } from './clipboard-keeper.js';

/** A browser clipboard as a page sees it: focus and the read permission decide what works. */
function fakeBrowser(options: { focused: boolean; mayRead: boolean }) {
  const state = { text: 'before', focused: options.focused, mayRead: options.mayRead, focusListeners: [] as (() => void)[], reads: 0 };
  const access: ClipboardAccess = {
    async writeText(text) {
      if (!state.focused) throw new DOMException('Document is not focused.', 'NotAllowedError');
      state.text = text;
    },
    async readText() {
      state.reads += 1;
      if (!state.focused || !state.mayRead) throw new DOMException('Read permission denied.', 'NotAllowedError');
      return state.text;
    },
    mayRead: async () => state.mayRead,
    hasFocus: () => state.focused,
    onNextFocus: (callback) => void state.focusListeners.push(callback),
  };
  const focus = async () => {
    state.focused = true;
    for (const listener of state.focusListeners.splice(0)) listener();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { state, access, focus };
}

describe('clipboard keeper (page side of the preview clipboard)', () => {
  it('writes the copy and reports a refusal when the page is not focused', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: true });
    const keeper = createClipboardKeeper(browser.access);
    expect(await keeper.write('123456')).toBe(true);
    expect(browser.state.text).toBe('123456');
    browser.state.focused = false;
    expect(await keeper.write('654321')).toBe(false);
    expect(browser.state.text).toBe('123456');
  });

  it('clears its own copy when it may read the clipboard and the copy is still there', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: true });
    const keeper = createClipboardKeeper(browser.access);
    await keeper.write('123456');
    await keeper.clearIfStillOurs();
    expect(browser.state.text).toBe('');
  });

  it('leaves something the person copied since', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: true });
    const keeper = createClipboardKeeper(browser.access);
    await keeper.write('123456');
    browser.state.text = 'my own text';
    await keeper.clearIfStillOurs();
    expect(browser.state.text).toBe('my own text');
  });

  it('never clears without the read permission, and never asks for it', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: false });
    const keeper = createClipboardKeeper(browser.access);
    await keeper.write('123456');
    await keeper.clearIfStillOurs();
    expect(browser.state.text).toBe('123456');
    expect(browser.state.reads).toBe(0);
  });

  it('waits for the focus to come back before clearing', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: true });
    const keeper = createClipboardKeeper(browser.access);
    await keeper.write('123456');
    browser.state.focused = false;
    await keeper.clearIfStillOurs();
    await keeper.clearIfStillOurs(); // a second clear while waiting adds no second listener
    expect(browser.state.text).toBe('123456');
    expect(browser.state.focusListeners).toHaveLength(1);
    await browser.focus();
    expect(browser.state.text).toBe('');
  });

  it('does nothing when it has not copied anything', async () => {
    const browser = fakeBrowser({ focused: true, mayRead: true });
    await createClipboardKeeper(browser.access).clearIfStillOurs();
    expect(browser.state.text).toBe('before');
    expect(browser.state.reads).toBe(0);
  });
});
