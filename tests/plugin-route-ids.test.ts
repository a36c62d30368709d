import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../core/plugin-api.ts';

/** The id kinds a plugin declares for its route parameters are checked when it is defined. */
const withRouteIds = (routeIds: Record<string, string | { notACityRow: string }>) => () =>
  definePlugin({ id: 'probe', version: '1.0.0', name: { 'zh-CN': '探针', en: 'Probe' }, settings: z.object({}), routeIds });

describe('routeIds of a plugin', () => {
  it('takes the plugin’s own kinds, core kinds and parameters that name no row, with a reason', () => {
    expect(withRouteIds({ 'things/:id': 'probe.thing', 'members/:userId': 'user', 'kinds/:kind': { notACityRow: 'a kind names code' } })).not.toThrow();
  });

  it('refuses a kind of another plugin, a key that is not "<segment>/:<name>", and a parameter without a kind or a reason', () => {
    expect(withRouteIds({ 'funds/:id': 'charity-fund.fund' })).toThrow('id kind charity-fund.fund must start with "probe."');
    expect(withRouteIds({ 'funds/id': 'probe.fund' })).toThrow('route parameter funds/id must be "<segment>/:<name>"');
    expect(withRouteIds({ 'kinds/:kind': { notACityRow: '' } })).toThrow('route parameter kinds/:kind names no city row: say why');
    expect(withRouteIds({ 'kinds/:kind': '' })).toThrow('route parameter kinds/:kind names no city row: say why');
  });
});
