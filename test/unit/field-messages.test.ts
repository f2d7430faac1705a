import { expect } from 'chai';
import { z } from 'zod';
import { integer, optionalDecimal } from '../../server/http/fields.js';
import { AppError } from '../../server/http/errors.js';
import { parseWith } from '../../server/http/validate.js';

const fieldsOf = (schema: z.ZodType, input: unknown) => {
  try {
    parseWith(schema, input, 'vi');
  } catch (err) {
    return (err as AppError).fields;
  }
  return undefined;
};

describe('number field messages', () => {
  it('when a number is out of range, then the message gives the range rather than "not a number"', () => {
    const schema = z.object({ capacity: integer(1, 500), score: optionalDecimal(0, 10) });
    expect(fieldsOf(schema, { capacity: '501', score: '11' })).to.deep.equal({
      capacity: 'Giá trị không được vượt quá 500.',
      score: 'Giá trị không được vượt quá 10.',
    });
    expect(fieldsOf(schema, { capacity: '0' })).to.deep.equal({ capacity: 'Giá trị phải từ 1 trở lên.' });
  });

  it('when a value is not a number or not whole, then it says so', () => {
    const schema = z.object({ capacity: integer(1, 500) });
    expect(fieldsOf(schema, { capacity: 'chín mươi' })).to.deep.equal({ capacity: 'Vui lòng nhập số.' });
    expect(fieldsOf(schema, { capacity: '2.5' })).to.deep.equal({ capacity: 'Vui lòng nhập số nguyên.' });
  });
});
