import { writeFileSync } from 'node:fs';
import { openStore } from '../src/core/db/store';
import { renderBriefing } from '../src/core/briefing';
const { db } = openStore(':memory:');
for (const t of ['政府工作报告解读', '规划纲要']) {
  const r = await renderBriefing(db, t);
  writeFileSync(`/tmp/brief-${t}.docx`, r.docx);
}
