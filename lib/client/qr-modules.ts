// A QR code's modules as one SVG path, for components/ui/qr-code.tsx.

/**
 * How codes are made: the white margin of 4 modules the QR standard asks for, and the lowest error
 * correction, so a share link's long token makes the fewest, largest modules for a camera across a room.
 */
export const QR_OPTIONS = { ecc: 'L', border: 4 } as const;

/** The dark modules as one path of unit squares ("M3 4h2v1h-2z…"), one subpath per run of dark modules in a row. */
export function darkModulesPath(rows: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
