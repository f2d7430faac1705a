export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}
/** The English catalog must have exactly the keys of the Vietnamese one: the compiler checks it. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export interface Messages {
  readonly vi: MessageTree;
  readonly en: MessageTree;
}

export function defineMessages<const T extends MessageTree>(vi: T, en: Translation<T>): Messages {
  return { vi, en: en as MessageTree };
}
