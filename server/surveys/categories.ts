// The categories of learner a needs survey counts (đối tượng bồi dưỡng). DOMAIN.md names none; issue #13 names
// the first three. A small fixed list, in the order the board's forms print it; the label is the Vietnamese
// column header of the Excel template too (its English wording lives in the catalog, surveys.categories.*).
export const LEARNER_CATEGORIES = [
  { code: 'cap-uy-co-so', label: 'Cấp ủy viên cơ sở' },
  { code: 'can-bo-chu-chot', label: 'Cán bộ chủ chốt cơ sở' },
  { code: 'dang-vien-moi', label: 'Đảng viên mới' },
  { code: 'quan-chung-uu-tu', label: 'Quần chúng ưu tú (cảm tình Đảng)' },
  { code: 'doan-vien-hoi-vien', label: 'Đoàn viên, hội viên' },
  { code: 'khac', label: 'Đối tượng khác' },
] as const;

export type LearnerCategory = (typeof LEARNER_CATEGORIES)[number]['code'];
export const CATEGORY_CODES: readonly string[] = LEARNER_CATEGORIES.map((c) => c.code);

/** People per category and program a unit may state: a large commune has a few thousand Party members. */
export const MAX_PEOPLE = 100_000;

/** The form's field for one program and category: `NTVD__dang-vien-moi`. */
export const cellName = (programCode: string, category: string) => `${programCode}__${category}`;
