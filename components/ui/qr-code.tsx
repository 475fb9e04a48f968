// A QR code of a text (a share link), drawn as one SVG path: dark modules on white, with the quiet zone
// around them that phone cameras need, in both themes. Encoded by uqr (no dependencies, nothing fetched).
import { encode } from 'uqr';
import { darkModulesPath, QR_OPTIONS } from '@/lib/client/qr-modules';

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { data, size } = encode(text, QR_OPTIONS);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      className={className}
      data-testid="qr-code"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={darkModulesPath(data)} fill="#000" />
    </svg>
  );
}
