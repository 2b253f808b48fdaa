import { REFERRAL_NOT_SERVED_REASONS, REFERRAL_OUTCOMES } from '@lantern/contracts';
import { vocabChoices, vocabLabel } from '../i18n/vocabulary';

/** The outcomes a partner records on completing a referral, in words of the current language. */
export const REFERRAL_OUTCOME_CHOICES = vocabChoices('referralOutcome', REFERRAL_OUTCOMES);
/** Why a referral was not served, in words of the current language. */
export const NOT_SERVED_REASON_CHOICES = vocabChoices('referralNotServedReason', REFERRAL_NOT_SERVED_REASONS);

export const outcomeLabel = (outcome: string | null | undefined): string => vocabLabel('referralOutcome', outcome);
export const notServedReasonLabel = (reason: string | null | undefined): string => vocabLabel('referralNotServedReason', reason);
