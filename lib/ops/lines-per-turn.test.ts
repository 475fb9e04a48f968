import { describe, expect, it, vi } from 'vitest';
import { LinesPerTurn } from './lines-per-turn';

describe('log lines per turn', () => {
  it('writes the lines logged meanwhile together, in order, in one write', async () => {
    const writes: string[] = [];
    const lines = new LinesPerTurn({ write: (text: string) => writes.push(text) });
    lines.write('{"msg":"one"}\n');
    lines.write('{"msg":"two"}\n');
    expect(writes).toEqual([]);
    await vi.waitFor(() => expect(writes).toEqual(['{"msg":"one"}\n{"msg":"two"}\n']));
  });

  it('writes what it holds when flushed (pino flush, process exit)', () => {
    const writes: string[] = [];
    const lines = new LinesPerTurn({ write: (text: string) => writes.push(text) });
    lines.write('{"msg":"held"}\n');
    const done = vi.fn();
    lines.flush(done);
    expect(writes).toEqual(['{"msg":"held"}\n']);
    expect(done).toHaveBeenCalled();
  });
});
