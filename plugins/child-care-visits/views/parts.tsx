import { usePage } from '../../../core/plugin-api.ts';

/** A link inside this plugin. */
export function usePluginPath() {
  const { path } = usePage();
  return (p: string) => path(`/p/child-care-visits${p}`);
}

