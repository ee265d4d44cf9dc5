import { writeCsv, parseCsv, decodeText } from '../src/core/data/import/csv';
import { EXPORT_HEADER } from '../src/core/data/exportData';
const rows = [EXPORT_HEADER, ["2019",";a","指标",";","地区生产总值","2019","","","1594.98","地区生产总值"]];
const b = writeCsv(rows);
console.log(JSON.stringify(b.toString()));
const r = parseCsv(decodeText(b).text);
console.log(r.issues, r.table.rows.map(r=>r.cells));
import Papa from 'papaparse';
console.log(Papa.parse(decodeText(b).text, { delimitersToGuess: [',', '\t', ';'] }).meta);
