/** A template problem a user can fix: where it is (line, column), what was found, and a suggestion. */
export class TemplateError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly file: string | null = null,
  ) {
    super(`${file ? `${file}：` : ''}第${line}行第${column}列：${reason}`);
    this.name = 'TemplateError';
  }
}
