/** Names a part's parameters: `$(1)` is the first value the part bound. */
export type ParameterNames = (n: number) => string;

/**
 * The parameters of one statement assembled from parts (an append, the rows it projects, ...):
 * each part binds its own values and names them from 1, whatever parts came before, so no part
 * numbers its parameters after another's.
 */
export class StatementParameters {
  readonly values: unknown[] = [];

  bind(values: unknown[]): ParameterNames {
    const offset = this.values.length;
    this.values.push(...values);
    return (n) => `$${offset + n}`;
  }
}
