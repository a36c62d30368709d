import type { StatementLine } from '../../core/plugin-api.ts';
import type { Messages } from './messages.ts';

/** What a statement line was for, in the member's words (the sign tells in from out). */
export function reasonOf(t: Messages, line: Pick<StatementLine, 'kind' | 'amount' | 'memo'>): string {
  const incoming = line.amount > 0;
  switch (line.kind) {
    case 'time-bank.earned':
      return t.kind_earned;
    case 'time-bank.clawed_back':
      return t.kind_clawed_back;
    case 'time-bank.shortfall':
      return t.kind_shortfall;
    case 'time-bank.shortfall_collected':
      return t.kind_shortfall_collected;
    case 'time-bank.exchange':
      return incoming ? t.kind_exchange_in : t.kind_exchange_out;
    case 'time-bank.redeemed':
      return typeof line.memo.name === 'string' ? `${t.kind_redeemed}：${line.memo.name}` : t.kind_redeemed;
    case 'time-bank.redemption_cancelled':
      return t.kind_redemption_cancelled;
    case 'time-bank.family_transfer':
      return incoming ? t.kind_family_in : t.kind_family_out;
    case 'time-bank.expired':
      return t.kind_expired + (typeof line.memo.expiredOn === 'string' ? t.expiredOn(line.memo.expiredOn) : '');
    default:
      return line.kind;
  }
}
