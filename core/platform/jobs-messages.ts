import { defineMessages } from '../i18n/messages.ts';

/** Strings of the console's failed jobs page. */
export const jobsMessages = defineMessages({
  'zh-CN': {
    navFailedJobs: '失败的任务',
    title: '失败的任务',
    intro: '以下后台任务已用完全部重试次数。排除原因后可重新运行；任务数据可能含个人信息，此处不显示。',
    colJob: '任务',
    colCity: '城市',
    colAttempts: '尝试次数',
    colError: '最后的错误',
    colFailedAt: '失败时间',
    colActions: '操作',
    noCity: '—',
    none: '没有失败的任务。',
    retry: '重新运行',
    retried: (job: string) => `已将任务 ${job} 放回队列，将很快重新运行。`,
    notRetried: '该任务已不在失败列表中（可能已被重新运行）。',
    copyWaiting: (job: string) => `该任务已有一份在等待运行（${job}），它会完成同样的工作，因此没有再放入一份。请等它运行后再查看此列表。`,
  },
  en: {
    navFailedJobs: 'Failed jobs',
    title: 'Failed jobs',
    intro: 'These background jobs have used all their retries. Fix the cause, then run one again; job data may hold personal details and is not shown here.',
    colJob: 'Job',
    colCity: 'City',
    colAttempts: 'Attempts',
    colError: 'Last error',
    colFailedAt: 'Failed at',
    colActions: 'Actions',
    noCity: '—',
    none: 'No failed jobs.',
    retry: 'Run again',
    retried: (job: string) => `Job ${job} is back in the queue and will run shortly.`,
    notRetried: 'That job is no longer failed (it may have been run again already).',
    copyWaiting: (job: string) => `Another copy of ${job} is already waiting to run and will do the same work, so none was added. Check this list again once it has run.`,
  },
});
