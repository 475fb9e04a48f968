import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback';

describe('addresses only this machine opens', () => {
  it('are localhost, 127.x.x.x and ::1', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', '0.0.0.0'])
      expect(isLoopbackHost(host), host).toBe(true);
  });

  it('are not a network address or name', () => {
    for (const host of ['192.168.1.20', '10.0.0.5', 'studio.example.com', 'my-laptop.local', '127.example.com'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
