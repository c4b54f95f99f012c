import {
  isCountyCode,
  isTownshipCode,
  isVillageCode,
  isWithinRegion,
  normalizeRegionCode,
  parentRegionCode,
  regionCodePath,
  regionLevelOf,
} from './region-code';

describe('region codes', () => {
  it('when codes of each length are given, then the level follows: 2 province, 4 city, 6 county, 9 township, 12 village', () => {
    expect(regionLevelOf('15')).toBe('province');
    expect(regionLevelOf('1505')).toBe('city');
    expect(regionLevelOf('150502')).toBe('county');
    expect(regionLevelOf('150502001')).toBe('township');
    expect(regionLevelOf('150502001001')).toBe('village');
  });

  it('when the province part does not exist or the length is odd, then it is not a region code', () => {
    for (const bad of ['', '99', '1500', '100502', '15050', '1505020011', 'abcdef', '150002001']) {
      expect(regionLevelOf(bad)).toBeNull();
    }
  });

  it('when a city has no districts (东莞市 441900), then its 6-digit code is still a county', () => {
    expect(isCountyCode('441900')).toBe(true);
    expect(isTownshipCode('441900003')).toBe(true);
  });

  it('when the level predicates are asked, then only the exact level passes', () => {
    expect(isCountyCode('540329')).toBe(true);
    expect(isCountyCode('540329100')).toBe(false);
    expect(isTownshipCode('540329100')).toBe(true);
    expect(isVillageCode('540329100201')).toBe(true);
    expect(isVillageCode('540329100')).toBe(false);
  });

  it('when GB/T 2260 province and city codes are normalized, then trailing zeros go', () => {
    expect(normalizeRegionCode('150000')).toBe('15');
    expect(normalizeRegionCode('150500')).toBe('1505');
    expect(normalizeRegionCode('150502')).toBe('150502');
    expect(normalizeRegionCode('150502000000')).toBe('150502');
    expect(normalizeRegionCode('150502001000')).toBe('150502001');
    expect(normalizeRegionCode('150502001001')).toBe('150502001001');
  });

  it('when parents and paths are asked, then they run from the province down', () => {
    expect(parentRegionCode('150502001001')).toBe('150502001');
    expect(parentRegionCode('15')).toBeNull();
    expect(regionCodePath('150502001001')).toEqual(['15', '1505', '150502', '150502001', '150502001001']);
    expect(regionCodePath('xx')).toEqual([]);
    expect(isWithinRegion('150502001001', '1505')).toBe(true);
    expect(isWithinRegion('150502001001', '15050')).toBe(false);
    expect(isWithinRegion('152201001', '1505')).toBe(false);
  });
});
