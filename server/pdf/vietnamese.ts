// The words and dates of a Party document (Hướng dẫn 36-HD/VPTW): the place-and-date line, the number and
// symbol, Roman numerals for sections.

function parts(isoDate: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`Not an ISO date: ${isoDate}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * "Hưng Yên, ngày 15 tháng 12 năm 2024". Days below 10 and the months January and February take a leading
 * zero ("ngày 05 tháng 02 năm 2024"), so nothing can be written in front of them afterwards.
 */
export function placeDateLine(place: string, isoDate: string): string {
  const { year, month, day } = parts(isoDate);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/**
 * "Số 123-BC/BTGTU"; with no number yet, room for the clerk to write it by hand: "Số      -BC/BTGTU".
 */
export function documentNumber(number: string | null | undefined, typeCode: string, symbol: string): string {
  const n = (number ?? '').trim();
  return n ? `Số ${n}-${typeCode}/${symbol}` : `Số       -${typeCode}/${symbol}`;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function roman(value: number): string {
  let rest = value;
  let out = '';
  for (const [n, letters] of ROMAN) {
    while (rest >= n) {
      out += letters;
      rest -= n;
    }
  }
  return out;
}

/** Upper case the Vietnamese way (no locale surprises with "đ" or stacked accents). */
export const upper = (value: string) => value.normalize('NFC').toLocaleUpperCase('vi-VN');
