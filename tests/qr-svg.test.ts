import { describe, expect, it } from 'vitest';
import { qrSvg } from '../core/volunteering/shared/qr-svg.ts';

describe('QR codes as SVG', () => {
  it('draws a code once per text and size, and a different code for different text', async () => {
    const first = qrSvg('http://alpha.localhost/activities/x/scan?code=AAAA');
    expect(qrSvg('http://alpha.localhost/activities/x/scan?code=AAAA')).toBe(first);
    const svg = await first;
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(await qrSvg('http://alpha.localhost/activities/x/scan?code=BBBB')).not.toBe(svg);
    expect(await qrSvg('http://alpha.localhost/activities/x/scan?code=AAAA', 160)).toContain('width="160"');
  });
});
