// The readable side of the results: the table printed at the end and bench/RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import { toJsonLine, type FigureResult } from './figure';

export function machineDescription(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  const memoryGb = Math.round(os.totalmem() / 1024 ** 3);
  return `${cpu}, ${os.cpus().length} cores, ${memoryGb} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const metCell = (met: boolean | null) => (met === null ? '–' : met ? 'yes' : '**no**');
const escape = (text: string) => text.replaceAll('|', '\\|');

export function markdownTable(rows: FigureResult[]): string {
  const lines = [
    '| figure | backend | result | raw anchor | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.figure} | ${row.backend} | ${escape(row.result)} | ${escape(row.anchor || '–')} | ${escape(row.target)} | ${metCell(row.met)} |`,
    );
  }
  return lines.join('\n');
}

export function writeResults(file: string, rows: FigureResult[], startedAt: Date, seconds: number): void {
  const text = [
    '# Benchmark results',
    '',
    `Latest \`npm run bench\`: ${startedAt.toISOString()} on ${machineDescription()}; took ${Math.round(seconds)} s.`,
    'How each figure is measured: [README.md](README.md).',
    '',
    markdownTable(rows),
    '',
    '```jsonl',
    ...rows.map(toJsonLine),
    '```',
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
}
