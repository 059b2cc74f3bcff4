// A QR code drawn as SVG on the server: uqr encodes, and the modules become one path. No image request and no
// markup string (so no dangerouslySetInnerHTML), and nothing for the CSP to allow.
import "server-only";

import { encode } from "uqr";

// The quiet zone the QR specification asks for (4 modules), painted white like the box: a scanner finds the code
// by its edge, which it cannot see against a dark page.
const QUIET_ZONE = 4;

/** `text` as a QR code: dark modules on white in light and dark mode alike, named by `label` for screen readers. */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  // M: up to 15% of the code may be damaged or glared over; an otpauth:// URI still fits a small version.
  const { size, data } = encode(text, { ecc: "M", border: QUIET_ZONE });
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
      className={className}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
