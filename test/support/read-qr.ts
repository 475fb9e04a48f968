// Reads a QR code drawn as our SVG path (components/ui/qr-code.tsx) the way a phone camera would: the
// path is painted into pixels (black squares on white, each module 4 px) and jsQR finds and decodes the
// code in them, so a test fails if the drawing is wrong even when the encoder is right.
import jsQR from 'jsqr';

const PIXELS_PER_MODULE = 4;
/** One subpath of darkModulesPath: a run of `length` dark modules from (x, y). */
const RUN = /M(\d+) (\d+)h(\d+)v1h-\d+z/g;

export function readQrPath(path: string, modules: number): string | undefined {
  const side = modules * PIXELS_PER_MODULE;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y, length] of path.matchAll(RUN)) {
    for (let row = Number(y) * PIXELS_PER_MODULE; row < (Number(y) + 1) * PIXELS_PER_MODULE; row += 1) {
      const from = Number(x) * PIXELS_PER_MODULE;
      const to = (Number(x) + Number(length)) * PIXELS_PER_MODULE;
      for (let column = from; column < to; column += 1) pixels.fill(0, (row * side + column) * 4, (row * side + column) * 4 + 3);
    }
  }
  return jsQR(pixels, side, side)?.data;
}
