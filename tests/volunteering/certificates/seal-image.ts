/** Images to upload as seals: a real 1×1 PNG, and what must be refused however it is named. */
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="10"/></svg>');

export function sealForm(bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.append('seal', new File([new Uint8Array(bytes)], name, { type }));
  return form;
}
