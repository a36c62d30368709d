import { defineMessages } from '../../i18n/messages.ts';

/** An organisation's seal image: the upload page and its errors. */
export const sealMessages = defineMessages({
  'zh-CN': {
    title: (organisation: string) => `${organisation}的电子印章`,
    intro: '按《志愿服务记录与证明出具办法》，志愿服务记录证明由记录服务的组织出具并加盖印章。上传的印章图片会印在本组织此后出具的证明上；已出具的证明保留出具时的印章。',
    current: '当前印章',
    none: '尚未上传印章。未上传时，证明上留出盖章处，由组织打印后加盖实体印章。',
    field: '印章图片',
    hint: (kb: number) => `PNG、JPEG 或 WebP 图片，最大 ${kb} KB；建议透明背景的红色印章。不接受 SVG。`,
    upload: '上传印章',
    uploaded: '印章已上传，此后出具的证明将使用它。',
    missing: '请选择一个图片文件。',
    tooLarge: (kb: number) => `图片不能超过 ${kb} KB。`,
    notAnImage: '只接受 PNG、JPEG 或 WebP 图片（按文件内容判断，不接受 SVG）。',
    backToOrganisation: '返回组织主页',
    alt: '当前印章',
  },
  en: {
    title: (organisation: string) => `Seal of ${organisation}`,
    intro: 'Under the 志愿服务记录与证明出具办法, a service certificate is issued and sealed by the organisation that recorded the service. The seal image uploaded here is printed on the certificates this organisation issues from now on; certificates already issued keep the seal they were issued under.',
    current: 'Current seal',
    none: 'No seal uploaded yet. Until there is one, certificates leave a space for the organisation to stamp by hand.',
    field: 'Seal image',
    hint: (kb: number) => `A PNG, JPEG or WebP image of at most ${kb} KB; a red seal on a transparent background works best. SVG is not accepted.`,
    upload: 'Upload the seal',
    uploaded: 'The seal is uploaded; certificates issued from now on carry it.',
    missing: 'Choose an image file.',
    tooLarge: (kb: number) => `The image may be at most ${kb} KB.`,
    notAnImage: 'Only PNG, JPEG or WebP images are accepted (judged by the file’s content; SVG is not accepted).',
    backToOrganisation: 'Back to the organisation',
    alt: 'Current seal',
  },
});
