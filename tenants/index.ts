import type { TenantManifest } from '../core/tenancy/manifest.ts';
import qionghai from './qionghai.ts';
import rongshui from './rongshui.ts';
import xiamen from './xiamen.ts';
import yuexiu from './yuexiu.ts';

/** The demo cities, synced at start-up. A city onboarded in the console needs no file here. */
export const tenantManifests: TenantManifest[] = [xiamen, yuexiu, qionghai, rongshui];
