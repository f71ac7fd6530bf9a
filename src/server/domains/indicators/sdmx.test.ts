import { describe, expect, it } from 'vitest';
import { csvField, dataflowOfForm, parseOptionKey, sdmxTimePeriod, toSdmxCsv } from './sdmx.js';

describe('SDMX time periods', () => {
  it.each([
    ['monthly', '2025-06', '2025-06'],
    ['quarterly', '2025Q2', '2025-Q2'],
    ['six_monthly', '2025S1', '2025-S1'],
    ['yearly', '2025', '2025'],
    ['weekly', '2025W27', '2025-W27'],
    ['daily', '2025-06-30', '2025-06-30'],
  ] as const)('writes a %s period %s as %s', (type, id, expected) => {
    expect(sdmxTimePeriod(type, id)).toBe(expected);
  });
});

describe('SDMX-CSV', () => {
  it('quotes fields with commas, quotes and line breaks, and leaves others alone', () => {
    expect(csvField('người')).toBe('người');
    expect(csvField('tỷ đồng, giá 2010')).toBe('"tỷ đồng, giá 2010"');
    expect(csvField('mã "A"')).toBe('"mã ""A"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
  });

  it('names the dataflow after the form with SDMX id characters only', () => {
    expect(dataflowOfForm('B01.TH')).toBe('VN_IOC:FORM_B01_TH(1.0)');
    expect(dataflowOfForm('t-push')).toBe('VN_IOC:FORM_T-PUSH(1.0)');
  });

  it('splits an option key into dimensions', () => {
    expect(parseOptionKey('')).toEqual([]);
    expect(parseOptionKey('AREA=URBAN;SEX=FEMALE')).toEqual([{ dimension: 'AREA', option: 'URBAN' }, { dimension: 'SEX', option: 'FEMALE' }]);
  });

  it('puts DATAFLOW first, one column per dimension with _T for totals, then OBS_VALUE and attributes', () => {
    const csv = toSdmxCsv('VN_IOC:FORM_X(1.0)', ['SEX', 'AREA', 'SEX'], [
      { refArea: '26068', indicator: 'JOBS', timePeriod: '2025-Q2', optionKey: 'AREA=URBAN;SEX=FEMALE', value: 30, unitMeasure: 'người', obsStatus: 'A' },
      { refArea: '26068', indicator: 'ACC', timePeriod: '2025-Q2', optionKey: '', value: 2.5, unitMeasure: 'tỷ đồng, giá 2010', obsStatus: 'P' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,AREA,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
      'VN_IOC:FORM_X(1.0),26068,JOBS,2025-Q2,URBAN,FEMALE,30,người,A',
      'VN_IOC:FORM_X(1.0),26068,ACC,2025-Q2,_T,_T,2.5,"tỷ đồng, giá 2010",P',
      '',
    ]);
  });
});
