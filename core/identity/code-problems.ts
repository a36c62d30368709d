import { CODE_MINUTES, type CodeVerdict } from './one-time-codes.ts';
import type { PasswordResetMessages } from './password-reset-messages.ts';

/** Why an SMS code was refused, for the message beside the field; the last wrong try says the code is now spent. */
export function codeProblem(t: PasswordResetMessages, verdict: Exclude<CodeVerdict, 'right'>, triesLeft: number): string {
  if (verdict === 'wrong') return triesLeft > 0 ? t.codeWrong(triesLeft) : t.codeBurned;
  return verdict === 'expired' ? t.codeExpired(CODE_MINUTES) : verdict === 'used' ? t.codeUsed : t.codeBurned;
}
