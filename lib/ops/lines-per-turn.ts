// Log lines held and written together once per turn of the event loop (setImmediate), after the answers
// of that turn went out: a dispatch logs two lines and a subscribe one, and each write to a pipe (a log
// shipper, the benchmark's parent) is a system call that wakes its reader, on the path of the answer.
// What is held is written at exit (process.exit, an uncaught exception, the end of the loop) too, so no
// line is lost unless the process is killed outright, and then at most one turn's lines.
import type { DestinationStream } from 'pino';

/** A line too long for one turn's buffer goes out at once (a huge error or request dump). */
const MAX_HELD_CHARS = 64 * 1024;

export class LinesPerTurn implements DestinationStream {
  private held = '';
  private scheduled = false;

  constructor(private readonly sink: { write(text: string): unknown }) {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    this.held += line;
    if (this.held.length >= MAX_HELD_CHARS) return this.flush();
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is held now (pino calls this from logger.flush()). */
  flush(done?: (error?: Error) => void): void {
    this.scheduled = false;
    const text = this.held;
    this.held = '';
    if (text) this.sink.write(text);
    done?.();
  }
}
