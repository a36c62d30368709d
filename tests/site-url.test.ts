import { describe, expect, it } from 'vitest';
import { citySiteUrl } from '../core/platform/site-url.ts';

describe('a city’s address where no request tells it (jobs, seeds)', () => {
  const xiamen = { slug: 'xiamen', hosts: ['volunteer.xiamen.example', 'xm.example'] };
  const qionghai = { slug: 'qionghai', hosts: [] };

  it('is the first own host in production, else the slug under the platform domain', () => {
    const site = { PUBLIC_SCHEME: 'https', PLATFORM_DOMAIN: 'volunteer.example', PORT: 3000 } as const;
    expect(citySiteUrl(xiamen, site)).toBe('https://volunteer.xiamen.example');
    expect(citySiteUrl(qionghai, site)).toBe('https://qionghai.volunteer.example');
  });

  it('is the slug under localhost with the port on the demo, where own hosts do not resolve', () => {
    expect(citySiteUrl(xiamen, { PUBLIC_SCHEME: 'http', PLATFORM_DOMAIN: 'localhost', PORT: 3000 })).toBe('http://xiamen.localhost:3000');
  });
});
