// A QR code as one SVG path (uqr encodes; the renderer draws), dark modules on a light quiet zone.
import { useMemo } from 'react';
import { encode } from 'uqr';

export function QrCode({ text, size = 232, label }: { text: string; size?: number; label: string }) {
  const { d, n } = useMemo(() => {
    // Border 4 is the quiet zone the QR standard asks for; M survives a smudged phone screen.
    const qr = encode(text, { ecc: 'M', border: 4 });
    let path = '';
    qr.data.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x} ${y}h1v1h-1z`)));
    return { d: path, n: qr.size };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${n} ${n}`} shapeRendering="crispEdges" data-testid="outside-qr" data-text={text}>
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
