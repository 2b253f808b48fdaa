import type { IntakeResponse } from '@lantern/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { onQuickExit } from '../../layout/quick-exit';
import { resumeStep, REVIEW_STEP, valuesOf } from './intake-model';

/** Where each case's intake was left in this tab (a step number only; memory, never browser storage). */
const lastStep = new Map<string, number>();
onQuickExit(() => lastStep.clear());

/** After a submission, the next intake of this case (there is none) would not start at the review. */
export function forgetStep(caseId: string): void {
  lastStep.delete(caseId);
}

/**
 * The step on screen, and moving between steps. Each move (Next, Back, a step, "Go to …") asks for
 * focus on the new step's heading: a keyboard user starts at the top of the step, and a second Enter
 * lands on nothing (never on "Submit intake").
 */
export function useIntakeSteps({
  caseId,
  mode,
  saved,
  focusOnMount,
}: {
  caseId: string;
  mode: 'draft' | 'amend';
  saved: IntakeResponse | undefined;
  focusOnMount: boolean;
}) {
  const [active, setActive] = useState(() => lastStep.get(caseId) ?? (saved ? resumeStep(valuesOf(saved)) : 0));
  const region = useRef<HTMLDivElement>(null);
  const [focusRequests, setFocusRequests] = useState(focusOnMount ? 1 : 0);

  useEffect(() => {
    if (focusRequests === 0) return;
    const heading = region.current?.querySelector<HTMLElement>('h3');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }, [focusRequests]);

  useEffect(() => {
    if (mode === 'draft') lastStep.set(caseId, active);
  }, [active, caseId, mode]);

  const go = useCallback((step: number): void => {
    setActive(Math.max(0, Math.min(REVIEW_STEP, step)));
    setFocusRequests((count) => count + 1);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }, []);

  return { active, go, region };
}
