import type { CaseResponse, ImmigrationReliefResponse } from '@lantern/contracts';
import { useTranslate } from 'react-admin';
import { formatDate } from '../../common/labels';
import { vocabLabel } from '../../i18n/vocabulary';
import { Detail } from '../../survivors/SurvivorDetails';
import { CaseRecordPanel } from './CaseRecordPanel';
import { ImmigrationReliefForm } from './ImmigrationReliefForm';

/** "Approved · applied 3 Jan 2026 · decided 5 May 2026": a state and the dates it has. */
function stateLine(state: string, dates: [string, string | null][]): string {
  return [state, ...dates.filter(([, date]) => Boolean(date)).map(([label, date]) => `${label} ${formatDate(date)}`)].join(' · ');
}

/**
 * A case's immigration relief (issue 16), on its Services tab: the T visa, Continued Presence and the
 * HHS letter, each with its dates. The case's caseworker starts and changes the record while the case is
 * open; coordinators read it. Reading it is an audited read of the survivor's file.
 */
export function ImmigrationReliefPanel({ record }: { record: CaseResponse }) {
  const translate = useTranslate();
  return (
    <CaseRecordPanel<ImmigrationReliefResponse>
      kind="relief"
      record={record}
      form={({ caseId, current, onClose, onSaved }) => <ImmigrationReliefForm caseId={caseId} relief={current} onClose={onClose} onSaved={onSaved} />}
    >
      {(relief) => (
        <>
          <Detail label={translate('lantern.relief.tVisa')}>
            {stateLine(vocabLabel('tVisaStatus', relief.tVisaStatus), [
              [translate('lantern.relief.appliedOn'), relief.tVisaAppliedOn],
              [translate('lantern.relief.decidedOn'), relief.tVisaDecidedOn],
            ])}
          </Detail>
          <Detail label={translate('lantern.relief.continuedPresence')}>
            {stateLine(vocabLabel('continuedPresenceStatus', relief.continuedPresenceStatus), [
              [translate('lantern.relief.requestedOn'), relief.continuedPresenceRequestedOn],
              [translate('lantern.relief.decidedOn'), relief.continuedPresenceDecidedOn],
              [translate('lantern.relief.expiresOn'), relief.continuedPresenceExpiresOn],
            ])}
          </Detail>
          <Detail label={translate('lantern.relief.hhsLetter')}>
            {relief.hhsLetter
              ? stateLine(vocabLabel('hhsLetter', relief.hhsLetter), [
                  [translate('lantern.relief.requestedOn'), relief.hhsLetterRequestedOn],
                  [translate('lantern.relief.issuedOn'), relief.hhsLetterIssuedOn],
                ])
              : translate('lantern.relief.noLetter')}
          </Detail>
          {relief.note && <Detail label={translate('resources.immigration-relief.fields.note')}>{relief.note}</Detail>}
        </>
      )}
    </CaseRecordPanel>
  );
}
