import type { PluginDefinition } from '../core/plugin-api.ts';
import { charityFundPlugin } from './charity-fund/index.ts';
import { childCareVisitsPlugin } from './child-care-visits/index.ts';
import { legalAidCardPlugin } from './legal-aid-card/index.ts';
import { timeBankPlugin } from './time-bank/index.ts';

/** The plugins this installation ships. A city runs the ones it enables. */
export const plugins: PluginDefinition[] = [timeBankPlugin, charityFundPlugin, legalAidCardPlugin, childCareVisitsPlugin];
