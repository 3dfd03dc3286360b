/** Assign an optional property only when there is a value (keeps `exactOptionalPropertyTypes` happy). */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
