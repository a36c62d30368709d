/**
 * QR codes as inline SVG, remembered: the same text always draws the same code,
 * and drawing one costs more than the rest of a page. Every organiser's phone
 * polls the check-in block for the same 30-second code, and a certificate's
 * address never changes. Bounded: the oldest entry goes first. The QR library is loaded
 * with the first code drawn, not at every start.
 */
const MAX_ENTRIES = 2000;
const drawn = new Map<string, Promise<string>>();

export function qrSvg(text: string, width?: number): Promise<string> {
  const key = `${width ?? ''}|${text}`;
  let svg = drawn.get(key);
  if (!svg) {
    svg = import('qrcode').then(({ default: QRCode }) =>
      QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', ...(width ? { width } : {}) }),
    );
    // A failed drawing is not remembered.
    svg.catch(() => drawn.delete(key));
    if (drawn.size >= MAX_ENTRIES) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, svg);
  }
  return svg;
}
