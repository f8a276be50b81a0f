// Seeded regions and zones. The user guide names regions by display name only (§3); the
// IDs, endpoints and zone letters are the real service's. `tier` says which generations of
// hardware a zone carries (see instance-types.ts: not every type is offered everywhere).

export type ZoneTier = 'legacy' | 'current' | 'newest';

export interface ZoneDef {
  ZoneId: string;
  /** Local names per AcceptLanguage. */
  zh: string;
  en: string;
  tier: ZoneTier;
}

export interface RegionDef {
  RegionId: string;
  zh: string;
  en: string;
  RegionEndpoint: string;
  zones: ZoneDef[];
}

/** Regions answered through the central endpoint, as the real DescribeRegions reports. */
const CENTRAL = new Set(['cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-east-1', 'us-west-1']);

const ZH_LETTER = (l: string) => `可用区${l.toUpperCase()}`;

function region(id: string, zh: string, en: string, zones: [string, ZoneTier][]): RegionDef {
  return {
    RegionId: id,
    zh,
    en,
    RegionEndpoint: CENTRAL.has(id) ? 'ecs.aliyuncs.com' : `ecs.${id}.aliyuncs.com`,
    zones: zones.map(([suffix, tier]) => {
      // cn-hangzhou-h style in mainland China and Hong Kong, ap-southeast-1a style elsewhere.
      const ZoneId = id.startsWith('cn-') ? `${id}-${suffix}` : `${id}${suffix}`;
      const short = en.replace(/^.*\((.*)\)$/, '$1');
      return { ZoneId, zh: `${zh.replace(/^.*（(.*)）$/, '$1')} ${ZH_LETTER(suffix)}`, en: `${short} Zone ${suffix.toUpperCase()}`, tier };
    }),
  };
}

export const REGIONS: RegionDef[] = [
  region('cn-qingdao', '华北1（青岛）', 'China (Qingdao)', [['b', 'legacy'], ['c', 'current']]),
  region('cn-beijing', '华北2（北京）', 'China (Beijing)', [['b', 'legacy'], ['c', 'current'], ['f', 'current'], ['g', 'current'], ['h', 'current'], ['i', 'newest'], ['j', 'newest'], ['k', 'newest'], ['l', 'newest']]),
  region('cn-zhangjiakou', '华北3（张家口）', 'China (Zhangjiakou)', [['a', 'current'], ['b', 'current'], ['c', 'newest']]),
  region('cn-huhehaote', '华北5（呼和浩特）', 'China (Hohhot)', [['a', 'current'], ['b', 'newest']]),
  region('cn-hangzhou', '华东1（杭州）', 'China (Hangzhou)', [['e', 'legacy'], ['f', 'current'], ['g', 'current'], ['h', 'current'], ['i', 'newest'], ['j', 'newest'], ['k', 'newest']]),
  region('cn-shanghai', '华东2（上海）', 'China (Shanghai)', [['b', 'legacy'], ['c', 'legacy'], ['e', 'current'], ['f', 'current'], ['g', 'current'], ['l', 'newest'], ['m', 'newest'], ['n', 'newest']]),
  region('cn-shenzhen', '华南1（深圳）', 'China (Shenzhen)', [['a', 'legacy'], ['c', 'current'], ['d', 'current'], ['e', 'newest'], ['f', 'newest']]),
  region('cn-chengdu', '西南1（成都）', 'China (Chengdu)', [['a', 'current'], ['b', 'newest']]),
  region('cn-hongkong', '中国香港', 'China (Hong Kong)', [['b', 'legacy'], ['c', 'current'], ['d', 'newest']]),
  region('ap-southeast-1', '新加坡', 'Singapore', [['a', 'legacy'], ['b', 'current'], ['c', 'newest']]),
  region('ap-southeast-2', '澳大利亚（悉尼）', 'Australia (Sydney)', [['a', 'legacy'], ['b', 'current']]),
  region('ap-southeast-3', '马来西亚（吉隆坡）', 'Malaysia (Kuala Lumpur)', [['a', 'current'], ['b', 'newest']]),
  region('ap-southeast-5', '印度尼西亚（雅加达）', 'Indonesia (Jakarta)', [['a', 'current'], ['b', 'current'], ['c', 'newest']]),
  region('ap-northeast-1', '日本（东京）', 'Japan (Tokyo)', [['a', 'legacy'], ['b', 'current'], ['c', 'newest']]),
  region('us-west-1', '美国（硅谷）', 'US (Silicon Valley)', [['a', 'current'], ['b', 'legacy']]),
  region('us-east-1', '美国（弗吉尼亚）', 'US (Virginia)', [['a', 'legacy'], ['b', 'current']]),
  region('eu-central-1', '德国（法兰克福）', 'Germany (Frankfurt)', [['a', 'current'], ['b', 'current'], ['c', 'newest']]),
  region('eu-west-1', '英国（伦敦）', 'UK (London)', [['a', 'current'], ['b', 'newest']]),
];
