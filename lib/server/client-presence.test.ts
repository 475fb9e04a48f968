import { describe, expect, it } from 'vitest';
import { ClientPresence } from './wire-request';

describe('ClientPresence', () => {
  it('tells a client that left without making a signal', () => {
    const client = new ClientPresence();
    expect(client.left).toBe(false);
    client.leave();
    expect(client.left).toBe(true);
  });

  it('aborts a signal asked for before the client left', () => {
    const client = new ClientPresence();
    const { signal } = client;
    let aborted = false;
    signal.addEventListener('abort', () => (aborted = true));
    client.leave();
    expect(aborted).toBe(true);
    expect(client.signal).toBe(signal);
  });

  it('gives an aborted signal when asked after the client left', () => {
    const client = new ClientPresence();
    client.leave();
    expect(client.signal.aborted).toBe(true);
  });
});
