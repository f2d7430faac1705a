import { z } from 'zod';
import { integer, optionalText, requiredText } from '../http/fields.js';

// Titles and authorities are printed in capitals on Party documents ("KT. GIÁM ĐỐC").
const upper = (s: string | undefined) => s?.toLocaleUpperCase('vi');

export const signerInput = z.object({
  lockVersion: integer(0, 1_000_000_000),
  signerName: optionalText(100),
  signerTitle: requiredText(100).transform((s) => s.toLocaleUpperCase('vi')),
  signerAuthority: optionalText(100).transform(upper),
});
