import { z } from 'zod';
import { toLocalDateInput, parseLocalDate } from '../shared/time.ts';

/** The policy form; dates stay `YYYY-MM-DD` (China's calendar) as the columns store them. */
const day = z.string().trim().refine((v) => parseLocalDate(v) !== null, 'dateInvalid').transform((v) => toLocalDateInput(parseLocalDate(v)!));
const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

export const policyForm = z
  .object({
    insurer: text(100),
    policy_number: text(64),
    starts_on: day,
    ends_on: day,
    coverage: z.enum(['all', 'named'], 'choose'),
    volunteer_numbers: z.string().max(20_000, 'tooLong').transform((v) => v.split(/[\s,，]+/).filter(Boolean)),
  })
  .refine((f) => f.ends_on >= f.starts_on, { path: ['ends_on'], message: 'endBeforeStart' })
  .refine((f) => f.coverage === 'all' || f.volunteer_numbers.length > 0, { path: ['volunteer_numbers'], message: 'numbersRequired' });

export const requirementForm = z.object({ required: z.enum(['yes', 'no']) });
