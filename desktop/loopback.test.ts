import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.js';

const hostOf = (url: string) => new URL(url).hostname;

describe('loopback hosts', () => {
  it('are localhost, all of 127.0.0.0/8 and ::1, in any spelling the URL parser normalises', () => {
    for (const url of ['http://localhost:8787', 'http://LOCALHOST', 'http://127.0.0.1', 'http://127.0.0.2:8787', 'http://127.255.255.254', 'http://127.1', 'http://0x7f.0.0.1', 'http://[::1]:8787', 'http://[0:0::1]']) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(true);
    }
  });

  it('are nothing else', () => {
    for (const url of ['http://127.0.0.1.example.com', 'http://192.168.1.10', 'http://10.0.0.1', 'http://0.0.0.0', 'http://[::ffff:127.0.0.1]', 'http://localhost.example', 'http://token.example']) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(false);
    }
  });
});
