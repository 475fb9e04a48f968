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

const LATEST_BEGIN = '<!-- latest npm run bench: written by bench/report.ts -->';
const LATEST_END = '<!-- end of the latest npm run bench -->';

/**
 * Writes the latest full run at the top of bench/RESULTS.md, between its markers. Everything after them
 * (dated measurements and their explanations, written by hand) is kept.
 */
export function writeResults(file: string, rows: FigureResult[], startedAt: Date, seconds: number): void {
  const latest = [
    LATEST_BEGIN,
    `Latest \`npm run bench\`: ${startedAt.toISOString()} on ${machineDescription()}; took ${Math.round(seconds)} s.`,
    'How each figure is measured: [README.md](README.md).',
    '',
    markdownTable(rows),
    '',
    '```jsonl',
    ...rows.map(toJsonLine),
    '```',
    LATEST_END,
  ].join('\n');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const end = previous.indexOf(LATEST_END);
  const kept = end === -1 ? '' : previous.slice(end + LATEST_END.length).replace(/^\n+/, '');
  fs.writeFileSync(file, ['# Benchmark results', '', latest, '', kept].join('\n'));
}
