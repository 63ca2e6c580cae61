/**
 * A list reused from one call to the next that keeps its storage: emptying an array by setting
 * its length to 0 frees the storage, and the next push allocates room for 17 again, which over
 * ten thousand credentials is megabytes of garbage. Its slots are cleared on reset, so it keeps
 * nothing alive (some of what goes through it is secret).
 */
export class ScratchList<T> {
  private readonly items: (T | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(value: T): void {
    this.items[this.count++] = value;
  }

  has(value: T): boolean {
    for (let i = 0; i < this.count; i++) if (this.items[i] === value) return true;
    return false;
  }

  at(index: number): T {
    return this.items[index] as T;
  }

  /** The items, as a new array of exactly their number. */
  copy(): T[] {
    return this.items.slice(0, this.count) as T[];
  }

  reset(): void {
    for (let i = 0; i < this.count; i++) this.items[i] = undefined;
    this.count = 0;
  }
}
