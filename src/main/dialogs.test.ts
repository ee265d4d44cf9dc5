import { describe, expect, it } from 'vitest';
import {
  fileFromArgv,
  openAnyDialog,
  openKindOf,
  safeFileName,
  saveDataDialog,
  saveDialogForDownload,
  saveDocxDialog,
} from './dialogs';

const exts = (filters: { extensions: string[] }[] | undefined) => (filters ?? []).map((f) => f.extensions);

describe('open dialogs', () => {
  it('打开… offers everything the app opens first, then each kind, then all files', () => {
    const o = openAnyDialog();
    expect(o.title).toBe('打开');
    expect(exts(o.filters)).toEqual([
      ['txt', 'docx', 'csv', 'xlsx'],
      ['txt', 'docx'],
      ['csv', 'xlsx'],
      ['*'],
    ]);
    expect(o.properties).toContain('openFile');
    expect(o.properties).not.toContain('multiSelections');
  });

  it('tells a report from a data table by its extension', () => {
    expect(openKindOf('扶贫.TXT')).toBe('report');
    expect(openKindOf('/a/b/报告.docx')).toBe('report');
    expect(openKindOf('C:\\数据\\gdp.xlsx')).toBe('data');
    expect(openKindOf('gdp.csv')).toBe('data');
    expect(openKindOf('gdp.xls')).toBeNull();
    expect(openKindOf('README')).toBeNull();
  });
});

describe('save dialogs', () => {
  it('Word: Chinese title, .docx filter, the proposed name, overwrite confirmed', () => {
    const o = saveDocxDialog('2020年政府工作报告解读.docx');
    expect(o).toMatchObject({
      title: '导出 Word 文档',
      buttonLabel: '保存',
      defaultPath: '2020年政府工作报告解读.docx',
      filters: [{ name: 'Word 文档', extensions: ['docx'] }],
    });
    expect(o.properties).toContain('showOverwriteConfirmation');
    expect(saveDocxDialog('简报', '/home/王/文档').defaultPath).toBe('/home/王/文档/简报.docx');
    expect(saveDocxDialog('简报.docx', 'C:\\Users\\王').defaultPath).toBe('C:\\Users\\王\\简报.docx');
  });

  it('data: the filter of the name’s format first', () => {
    expect(exts(saveDataDialog('数据.csv').filters)).toEqual([['csv'], ['xlsx']]);
    expect(exts(saveDataDialog('数据.xlsx').filters)).toEqual([['xlsx'], ['csv']]);
    expect(saveDataDialog('数据.xlsx').title).toBe('导出数据');
  });

  it('downloads get the dialog of their kind', () => {
    expect(saveDialogForDownload('a.docx').title).toBe('导出 Word 文档');
    expect(saveDialogForDownload('a.csv').title).toBe('导出数据');
    expect(saveDialogForDownload('a.bin').filters).toEqual([{ name: '所有文件', extensions: ['*'] }]);
  });

  it('never proposes folders or characters Windows refuses', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('a\\b\\简报:2020?.docx', 'x')).toBe('简报_2020_.docx');
    expect(safeFileName('...', '简报.docx')).toBe('简报.docx');
    expect(saveDocxDialog('').defaultPath).toBe('简报.docx');
  });
});

describe('fileFromArgv', () => {
  it('takes the last argument that is a file the app opens', () => {
    expect(fileFromArgv(['/opt/简报工坊/brief-studio', '--no-sandbox', '/home/u/报告.docx'])).toBe(
      '/home/u/报告.docx',
    );
    expect(fileFromArgv(['C:\\简报工坊.exe', 'D:\\数据\\县域.xlsx', '--flag'])).toBe('D:\\数据\\县域.xlsx');
    expect(fileFromArgv(['/opt/app', '.'])).toBeNull();
    expect(fileFromArgv(['/opt/app', '--open=x.docx'])).toBeNull();
    expect(fileFromArgv(['/opt/app.txt'])).toBeNull(); // argv[0] is the program itself
  });
});
