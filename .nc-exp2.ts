import { writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
const fmts = ['[>=-25]General;""', '[<-25]"";[<0]-0;0', '[<-25]"";[<0]0;0', '[>=-25]0;""'];
const children = fmts.map((f) => new Paragraph({ children: [new ChartRun({
  type: 'column', title: f, categories: ['2024年一季度', '2024年上半年', '2024年前三季度', '2024年', '2025年一季度', '2025年上半年'],
  categoryAxis: { labelRotation: 0 },
  series: [{ name: 'a', values: [1, 2, 3, 4, 5, 6] }, { name: 'b', type: 'line', axis: 'secondary', values: [-4, 13, 4, 6, 5, 6] }],
  secondaryValueAxis: { minimum: -75, maximum: 50, interval: 25, numberFormat: f },
  transformation: { width: 567, height: 300 },
})] }));
writeFileSync('/tmp/nc/exp2.docx', await Packer.toBuffer(new Document({ sections: [{ children }] })));
