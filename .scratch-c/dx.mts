import { readFileSync } from 'node:fs';
import { docxToText } from '../src/core/extract/docx-text';
const t = docxToText(readFileSync(process.argv[2]));
console.log(t.slice(0, Number(process.argv[3] ?? 3000)));
