/**
 * A value seen through a deeply read-only type: every property and every array element, all the way
 * down, is `readonly`. The store hands its document out as this, so code that reads it cannot write
 * into it by mistake (the compiler refuses); functions stay as they are.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
