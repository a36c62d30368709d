import { useMessages, usePage } from '../../views/context.ts';
import type { FirstDayStep } from './first-day.ts';
import { adminHomeMessages } from './home-messages.ts';

type StepText = { title: string; help: string; link: string; href: string };

/** The admin's home: the first-day checklist, each step ticked when done and linked to where it is done. */
export function AdminHome({ progress }: { progress: Record<FirstDayStep, boolean> }) {
  const t = useMessages(adminHomeMessages);
  const { path } = usePage();
  const steps: Record<FirstDayStep, StepText> = {
    districts: { title: t.districtsStep, help: t.districtsHelp, link: t.districtsLink, href: '/admin/districts' },
    branding: { title: t.brandingStep, help: t.brandingHelp, link: t.brandingLink, href: '/admin/branding' },
    modules: { title: t.modulesStep, help: t.modulesHelp, link: t.modulesLink, href: '/admin/plugins' },
    organisation: { title: t.organisationStep, help: t.organisationHelp, link: t.organisationLink, href: '/admin/organisations' },
  };
  const entries = Object.entries(steps) as [FirstDayStep, StepText][];
  const allDone = entries.every(([step]) => progress[step]);
  return (
    <>
      <h1>{t.homeTitle}</h1>
      <section class="card" id="first-day">
        <h2>{t.checklistTitle}</h2>
        <p class="muted">{allDone ? t.allDone : t.checklistIntro}</p>
        <ol class="plain stack">
          {entries.map(([step, s]) => (
            <li id={`step-${step}`}>
              <p>
                <span class={progress[step] ? 'badge' : 'badge off'}>{progress[step] ? `✓ ${t.done}` : t.todo}</span> <strong>{s.title}</strong>
              </p>
              <p class="muted">
                {s.help}
                {step === 'organisation' && <> (<a href={path('/organisations/apply')}>{t.applyLink}</a>)</>}
              </p>
              <p><a href={path(s.href)}>{s.link}</a></p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
